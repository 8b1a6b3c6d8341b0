import { describe, expect, it } from 'vitest';
import {
  allowsTcpPort,
  exposedSensitiveServices,
  isAllTraffic,
  isOpenToWorld,
  isWorldCidr,
} from '../../../checks/lib/aws-network.js';
import type { SecurityGroupRule } from '../../../source/model/aws-snapshot.js';

const rule = (parts: Partial<SecurityGroupRule>): SecurityGroupRule => ({
  ipProtocol: 'tcp',
  fromPort: 22,
  toPort: 22,
  ipv4Ranges: ['0.0.0.0/0'],
  ipv6Ranges: [],
  ...parts,
});

describe('aws-network', () => {
  it('recognises only the whole-internet ranges', () => {
    expect(isWorldCidr('0.0.0.0/0')).toBe(true);
    expect(isWorldCidr('::/0')).toBe(true);
    expect(isWorldCidr('10.0.0.0/8')).toBe(false);
    expect(isOpenToWorld(rule({ ipv4Ranges: ['10.0.0.0/8'], ipv6Ranges: ['::/0'] }))).toBe(true);
    expect(isOpenToWorld(rule({ ipv4Ranges: ['203.0.113.4/32'] }))).toBe(false);
  });

  it('treats protocol -1 and full port ranges as all traffic, by name or number', () => {
    expect(isAllTraffic(rule({ ipProtocol: '-1', fromPort: undefined, toPort: undefined }))).toBe(true);
    expect(isAllTraffic(rule({ ipProtocol: '6', fromPort: 0, toPort: 65535 }))).toBe(true);
    expect(isAllTraffic(rule({ fromPort: 1, toPort: 1024 }))).toBe(false);
    expect(isAllTraffic(rule({ ipProtocol: 'icmp', fromPort: -1, toPort: -1 }))).toBe(false);
  });

  it('finds a port inside a range, and not for UDP or ICMP rules', () => {
    expect(allowsTcpPort(rule({ fromPort: 3000, toPort: 4000 }), 3306)).toBe(true);
    expect(allowsTcpPort(rule({ fromPort: 3000, toPort: 4000 }), 5432)).toBe(false);
    expect(allowsTcpPort(rule({ ipProtocol: 'udp', fromPort: 0, toPort: 10000 }), 22)).toBe(false);
    expect(allowsTcpPort(rule({ ipProtocol: 'icmp', fromPort: -1, toPort: -1 }), 22)).toBe(false);
  });

  it('names the sensitive services a world-open rule exposes', () => {
    expect(exposedSensitiveServices(rule({}))).toEqual(['SSH (22)']);
    expect(exposedSensitiveServices(rule({ fromPort: 1400, toPort: 3400 }))).toEqual([
      'RDP (3389)',
      'MySQL (3306)',
      'SQL Server (1433)',
      'Oracle (1521)',
    ]);
    expect(exposedSensitiveServices(rule({ ipProtocol: '-1' }))).toEqual(['all traffic']);
    expect(exposedSensitiveServices(rule({ fromPort: 0, toPort: 65535 }))).toEqual(['all TCP ports']);
    expect(exposedSensitiveServices(rule({ fromPort: 443, toPort: 443 }))).toEqual([]);
    expect(exposedSensitiveServices(rule({ ipv4Ranges: ['10.0.0.0/16'] }))).toEqual([]);
  });
});

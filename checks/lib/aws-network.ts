// Reading security group rules: which ones let the whole internet reach which ports.

import type { SecurityGroupRule } from '../../source/model/aws-snapshot.js';

/** Ports an attacker scans for first: remote administration and databases. */
export const SENSITIVE_PORTS: readonly { port: number; service: string }[] = [
  { port: 22, service: 'SSH' },
  { port: 3389, service: 'RDP' },
  { port: 3306, service: 'MySQL' },
  { port: 5432, service: 'PostgreSQL' },
  { port: 1433, service: 'SQL Server' },
  { port: 1521, service: 'Oracle' },
  { port: 27017, service: 'MongoDB' },
  { port: 6379, service: 'Redis' },
];

const WORLD_CIDRS = new Set(['0.0.0.0/0', '::/0']);

/** `0.0.0.0/0` or `::/0`: every address on the internet. */
export function isWorldCidr(cidr: string): boolean {
  return WORLD_CIDRS.has(cidr.trim());
}

/** Whether a rule admits traffic from any address (IPv4 or IPv6). */
export function isOpenToWorld(rule: SecurityGroupRule): boolean {
  return rule.ipv4Ranges.some(isWorldCidr) || rule.ipv6Ranges.some(isWorldCidr);
}

/** `tcp`, `udp`, `all`, or the protocol as given (icmp, a number). AWS accepts names and numbers. */
export function protocolOf(rule: SecurityGroupRule): string {
  const protocol = rule.ipProtocol.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'all';
  if (protocol === '6') return 'tcp';
  if (protocol === '17') return 'udp';
  return protocol;
}

/** The rule's port range; a TCP or UDP rule without ports covers them all. */
export function portRangeOf(rule: SecurityGroupRule): { from: number; to: number } {
  return { from: rule.fromPort ?? 0, to: rule.toPort ?? 65535 };
}

/** Every protocol, or every TCP/UDP port. */
export function isAllTraffic(rule: SecurityGroupRule): boolean {
  const protocol = protocolOf(rule);
  if (protocol === 'all') return true;
  const { from, to } = portRangeOf(rule);
  return (protocol === 'tcp' || protocol === 'udp') && from <= 0 && to >= 65535;
}

/** Whether a rule lets TCP traffic reach `port` (all-protocol rules included). */
export function allowsTcpPort(rule: SecurityGroupRule, port: number): boolean {
  const protocol = protocolOf(rule);
  if (protocol === 'all') return true;
  if (protocol !== 'tcp') return false;
  const { from, to } = portRangeOf(rule);
  return from <= port && port <= to;
}

/**
 * What a rule opens to the whole internet among the sensitive services: `['all traffic']`, or
 * `['SSH (22)', 'RDP (3389)']`; empty when the rule is limited to known addresses or harmless ports.
 */
export function exposedSensitiveServices(rule: SecurityGroupRule): string[] {
  if (!isOpenToWorld(rule)) return [];
  if (isAllTraffic(rule)) {
    const protocol = protocolOf(rule);
    return [protocol === 'all' ? 'all traffic' : `all ${protocol.toUpperCase()} ports`];
  }
  return SENSITIVE_PORTS.filter(({ port }) => allowsTcpPort(rule, port)).map(
    ({ port, service }) => `${service} (${port})`,
  );
}

import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/ec2/aws-ec2-security-group-admin-ports.js';
import type { SecurityGroup, SecurityGroupRule } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const rule = (parts: Partial<SecurityGroupRule>): SecurityGroupRule => ({
  ipProtocol: 'tcp',
  fromPort: 443,
  toPort: 443,
  ipv4Ranges: ['0.0.0.0/0'],
  ipv6Ranges: [],
  ...parts,
});
const group = (ingress: SecurityGroupRule[], parts: Partial<SecurityGroup> = {}): SecurityGroup => ({
  groupId: 'sg-1',
  arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1',
  groupName: 'web',
  vpcId: 'vpc-1',
  region: 'us-east-1',
  ingress,
  attachmentCount: 2,
  ...parts,
});
const evaluate = (...securityGroups: SecurityGroup[]) =>
  check.evaluate(
    awsSnapshot({ ec2: { vpcs: [], subnets: [], flowLogs: [], instances: [], securityGroups } }),
  );

describe('aws-ec2-security-group-admin-ports', () => {
  it('passes a group that only opens HTTPS to the world and SSH to the office', () => {
    const results = evaluate(
      group([rule({}), rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['203.0.113.0/24'] })]),
    );
    expect(results).toMatchObject([{ status: 'PASS', resourceId: group([]).arn, region: 'us-east-1' }]);
  });

  it('fails one finding per group, listing every exposed port', () => {
    const results = evaluate(
      group([
        rule({ fromPort: 22, toPort: 22 }),
        rule({ fromPort: 5432, toPort: 5432, ipv4Ranges: [], ipv6Ranges: ['::/0'] }),
        rule({ fromPort: 22, toPort: 22, ipv6Ranges: ['::/0'] }),
      ]),
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('FAIL');
    expect(results[0]?.reason).toBe(
      'Security group web (sg-1) opens SSH (22), PostgreSQL (5432) to the whole internet.',
    );
  });

  it('fails all-traffic rules', () => {
    const [result] = evaluate(group([rule({ ipProtocol: '-1', fromPort: undefined, toPort: undefined })]));
    expect(result?.reason).toContain('opens all traffic');
  });

  it('still fails an unattached group, saying it guards nothing today', () => {
    const [result] = evaluate(group([rule({ fromPort: 3389, toPort: 3389 })], { attachmentCount: 0 }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('RDP (3389)');
    expect(result?.reason).toContain('attached to nothing');
  });

  it('is UNKNOWN for the account when security groups could not be read', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('ec2', 'DescribeSecurityGroups', { permission: 'ec2:DescribeSecurityGroups' })],
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'UNKNOWN', reason: expect.stringContaining('ec2:DescribeSecurityGroups') },
    ]);
  });
});

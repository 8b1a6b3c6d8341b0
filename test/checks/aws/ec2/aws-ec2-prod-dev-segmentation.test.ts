import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/ec2/aws-ec2-prod-dev-segmentation.js';
import type { AwsEc2, Ec2Instance, Subnet, Vpc } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const vpc = (vpcId: string, tags?: Record<string, string>): Vpc => ({
  vpcId,
  arn: `arn:aws:ec2:us-east-1:111122223333:vpc/${vpcId}`,
  region: 'us-east-1',
  isDefault: false,
  tags,
});
const subnet = (subnetId: string, vpcId: string, tags?: Record<string, string>): Subnet => ({
  subnetId,
  arn: `arn:aws:ec2:us-east-1:111122223333:subnet/${subnetId}`,
  vpcId,
  region: 'us-east-1',
  tags,
});
const instance = (instanceId: string, subnetId: string, env?: string, state = 'running'): Ec2Instance => ({
  instanceId,
  arn: `arn:aws:ec2:us-east-1:111122223333:instance/${instanceId}`,
  region: 'us-east-1',
  subnetId,
  state,
  tags: env ? { Environment: env } : undefined,
});
const ec2 = (parts: Partial<AwsEc2>): AwsEc2 => ({
  vpcs: [],
  subnets: [],
  flowLogs: [],
  securityGroups: [],
  instances: [],
  ...parts,
});

describe('aws-ec2-prod-dev-segmentation', () => {
  it('passes VPCs that each hold one environment', () => {
    const snapshot = awsSnapshot({
      ec2: ec2({
        vpcs: [vpc('vpc-prod'), vpc('vpc-dev')],
        subnets: [subnet('s-prod', 'vpc-prod'), subnet('s-dev', 'vpc-dev')],
        instances: [instance('i-1', 's-prod', 'production'), instance('i-2', 's-dev', 'dev')],
      }),
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ['vpc-prod', 'PASS'],
      ['vpc-dev', 'PASS'],
    ]);
    expect(results[0]?.reason).toContain('production resources only, as far as tags tell');
  });

  it('fails a subnet shared by production and development instances, and its VPC', () => {
    const snapshot = awsSnapshot({
      ec2: ec2({
        vpcs: [vpc('vpc-1')],
        subnets: [subnet('s-1', 'vpc-1')],
        instances: [
          instance('i-pay', 's-1', 'prod'),
          instance('i-test', 's-1', 'staging'),
          instance('i-old', 's-1', 'dev', 'terminated'),
        ],
      }),
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => [r.resourceId, r.status])).toEqual([
      [subnet('s-1', 'vpc-1').arn, 'FAIL'],
      [vpc('vpc-1').arn, 'FAIL'],
    ]);
    expect(results[0]?.reason).toBe(
      'Subnet s-1 in vpc-1 mixes production (i-pay) and non-production (i-test) resources, as far as tags tell.',
    );
  });

  it('fails a VPC whose production and development sit in separate subnets, without failing the subnets', () => {
    const snapshot = awsSnapshot({
      ec2: ec2({
        vpcs: [vpc('vpc-1')],
        subnets: [subnet('s-prod', 'vpc-1', { env: 'prod' }), subnet('s-dev', 'vpc-1', { env: 'dev' })],
      }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'FAIL', resourceId: vpc('vpc-1').arn }]);
  });

  it('uses the account tag for untagged instances, so a dev box in a production account is caught', () => {
    const snapshot = awsSnapshot({
      tags: { environment: 'production' },
      ec2: ec2({
        vpcs: [vpc('vpc-1')],
        subnets: [subnet('s-1', 'vpc-1')],
        instances: [instance('i-api', 's-1'), instance('i-dev', 's-1', 'development')],
      }),
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[0]?.reason).toContain('production (i-api)');
  });

  it('is UNKNOWN for the account when nothing carries an environment tag', () => {
    const snapshot = awsSnapshot({
      ec2: ec2({
        vpcs: [vpc('vpc-1')],
        subnets: [subnet('s-1', 'vpc-1')],
        instances: [instance('i-1', 's-1')],
      }),
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: '111122223333' });
    expect(result?.reason).toContain('No environment tags');
  });

  it('is UNKNOWN for an untagged VPC with instances when other VPCs are tagged', () => {
    const snapshot = awsSnapshot({
      ec2: ec2({
        vpcs: [vpc('vpc-tagged', { Environment: 'production' }), vpc('vpc-blank')],
        subnets: [subnet('s-1', 'vpc-blank')],
        instances: [instance('i-1', 's-1')],
      }),
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ['vpc-tagged', 'PASS'],
      ['vpc-blank', 'UNKNOWN'],
    ]);
  });

  it('is UNKNOWN for the account when EC2 could not be read', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('ec2', 'DescribeInstances', { permission: 'ec2:DescribeInstances' })],
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'UNKNOWN', reason: expect.stringContaining('ec2:DescribeInstances') },
    ]);
  });
});

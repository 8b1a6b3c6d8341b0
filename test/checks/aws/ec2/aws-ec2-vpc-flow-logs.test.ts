import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/ec2/aws-ec2-vpc-flow-logs.js';
import type { AwsEc2, FlowLog, Vpc } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const vpc = (parts: Partial<Vpc> = {}): Vpc => ({
  vpcId: 'vpc-1',
  arn: 'arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1',
  region: 'us-east-1',
  isDefault: false,
  ...parts,
});
const flowLog = (parts: Partial<FlowLog> = {}): FlowLog => ({
  flowLogId: 'fl-1',
  region: 'us-east-1',
  resourceId: 'vpc-1',
  status: 'ACTIVE',
  trafficType: 'ALL',
  destinationType: 's3',
  creationTime: '2026-02-01T00:00:00Z',
  ...parts,
});
const ec2 = (parts: Partial<AwsEc2>): AwsEc2 => ({
  vpcs: [vpc()],
  subnets: [],
  flowLogs: [],
  securityGroups: [],
  instances: [],
  ...parts,
});

describe('aws-ec2-vpc-flow-logs', () => {
  it('passes a VPC with an active flow log, evidenced since its creation', () => {
    const results = check.evaluate(awsSnapshot({ ec2: ec2({ flowLogs: [flowLog()] }) }));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceId: vpc().arn,
        region: 'us-east-1',
        evidencedSince: '2026-02-01T00:00:00Z',
      }),
    ]);
  });

  it('accepts REJECT-only logging, and takes the oldest working flow log as the evidence', () => {
    const flowLogs = [
      flowLog({ creationTime: '2026-05-01T00:00:00Z' }),
      flowLog({ flowLogId: 'fl-2', trafficType: 'REJECT' }),
    ];
    const [result] = check.evaluate(awsSnapshot({ ec2: ec2({ flowLogs }) }));
    expect(result).toMatchObject({ status: 'PASS', evidencedSince: '2026-02-01T00:00:00Z' });
  });

  it('fails a VPC without a flow log', () => {
    const [result] = check.evaluate(awsSnapshot({ ec2: ec2({}) }));
    expect(result).toMatchObject({ status: 'FAIL', reason: 'VPC vpc-1 has no flow log.' });
  });

  it('fails when the only flow logs are broken or record accepted traffic only', () => {
    const flowLogs = [flowLog({ status: 'FAILED' }), flowLog({ flowLogId: 'fl-2', trafficType: 'ACCEPT' })];
    const [result] = check.evaluate(awsSnapshot({ ec2: ec2({ flowLogs }) }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('fl-1 is FAILED');
    expect(result?.reason).toContain('fl-2 records accepted traffic only');
  });

  it('suggests deleting an unused default VPC, but not one with instances', () => {
    const unused = vpc({ vpcId: 'vpc-d', arn: 'arn:vpc-d', isDefault: true });
    const used = vpc({ vpcId: 'vpc-u', arn: 'arn:vpc-u', isDefault: true });
    const instance = {
      instanceId: 'i-1',
      arn: 'arn:i-1',
      region: 'us-east-1',
      vpcId: 'vpc-u',
      state: 'running',
    };
    const results = check.evaluate(
      awsSnapshot({ ec2: ec2({ vpcs: [unused, used], instances: [instance] }) }),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[0]?.reason).toContain('deleting it also closes the gap');
    expect(results[1]?.reason).not.toContain('deleting');
  });

  it('mentions subnet-level flow logs that do not cover the VPC', () => {
    const subnets = [{ subnetId: 'subnet-1', arn: 'arn:subnet-1', vpcId: 'vpc-1', region: 'us-east-1' }];
    const flowLogs = [flowLog({ resourceId: 'subnet-1' })];
    const [result] = check.evaluate(awsSnapshot({ ec2: ec2({ subnets, flowLogs }) }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('Flow logs cover 1 of its subnets, not the VPC as a whole');
  });

  it('is UNKNOWN for the VPCs of a region where flow logs could not be listed', () => {
    const snapshot = awsSnapshot({
      ec2: ec2({ vpcs: [vpc(), vpc({ vpcId: 'vpc-2', arn: 'arn:vpc-2', region: 'eu-west-1' })] }),
      errors: [
        accessDenied('ec2', 'DescribeFlowLogs', { region: 'eu-west-1', permission: 'ec2:DescribeFlowLogs' }),
      ],
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'UNKNOWN']);
    expect(results[1]?.reason).toContain('ec2:DescribeFlowLogs');
  });

  it('is UNKNOWN for the account when EC2 was not read at all', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('ec2', 'DescribeVpcs', { permission: 'ec2:DescribeVpcs' })],
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'UNKNOWN', resourceId: '111122223333', reason: expect.stringContaining('ec2:DescribeVpcs') },
    ]);
  });
});

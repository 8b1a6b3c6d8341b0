import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/logs/aws-logs-audit-bucket-object-lock.js';
import type { CloudTrailTrail, FlowLog, S3Bucket } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const trail: CloudTrailTrail = {
  name: 'main',
  arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main',
  homeRegion: 'us-east-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  s3BucketName: 'audit-logs',
};
const bucket = (parts: Partial<S3Bucket>): S3Bucket => ({
  name: 'audit-logs',
  arn: 'arn:aws:s3:::audit-logs',
  region: 'us-east-1',
  objectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 365 },
  ...parts,
});
const snapshotWith = (buckets: S3Bucket[], trails = [trail]) =>
  awsSnapshot({ cloudtrail: { trails }, s3: { buckets } });

describe('aws-logs-audit-bucket-object-lock', () => {
  it('passes a trail bucket locked in COMPLIANCE mode for a year', () => {
    const [result] = check.evaluate(snapshotWith([bucket({})]));
    expect(result).toMatchObject({
      status: 'PASS',
      resourceId: 'arn:aws:s3:::audit-logs',
      region: 'us-east-1',
    });
    expect(result?.reason).toContain('COMPLIANCE');
  });

  it('passes GOVERNANCE mode but says it is weaker', () => {
    const [result] = check.evaluate(
      snapshotWith([bucket({ objectLock: { enabled: true, mode: 'GOVERNANCE', retentionDays: 120 } })]),
    );
    expect(result?.status).toBe('PASS');
    expect(result?.reason).toContain('GOVERNANCE');
    expect(result?.reason).toContain('COMPLIANCE mode is stronger');
  });

  it('fails a bucket without Object Lock, one without default retention, and one locked too briefly', () => {
    const trails = ['none', 'bare', 'short'].map((name) => ({
      ...trail,
      name,
      arn: `arn:${name}`,
      s3BucketName: name,
    }));
    const buckets = [
      bucket({ name: 'none', arn: 'arn:aws:s3:::none', objectLock: null }),
      bucket({ name: 'bare', arn: 'arn:aws:s3:::bare', objectLock: { enabled: true } }),
      bucket({
        name: 'short',
        arn: 'arn:aws:s3:::short',
        objectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 30 },
      }),
    ];
    const results = check.evaluate(snapshotWith(buckets, trails));
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(results[0]?.reason).toContain('has no Object Lock');
    expect(results[1]?.reason).toContain('no default retention');
    expect(results[2]?.reason).toContain('only 30 days');
  });

  it('also covers buckets that receive VPC flow logs, and ignores other buckets', () => {
    const flowLog: FlowLog = {
      flowLogId: 'fl-1',
      region: 'us-east-1',
      resourceId: 'vpc-1',
      status: 'ACTIVE',
      trafficType: 'ALL',
      destinationType: 's3',
      destination: 'arn:aws:s3:::flow-bucket/vpc/',
    };
    const snapshot = awsSnapshot({
      cloudtrail: { trails: [] },
      ec2: { vpcs: [], subnets: [], securityGroups: [], instances: [], flowLogs: [flowLog] },
      s3: {
        buckets: [
          bucket({ name: 'flow-bucket', arn: 'arn:aws:s3:::flow-bucket', objectLock: null }),
          bucket({}),
        ],
      },
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      {
        status: 'FAIL',
        resourceId: 'arn:aws:s3:::flow-bucket',
        reason: expect.stringContaining('flow log fl-1'),
      },
    ]);
  });

  it('is UNKNOWN for a bucket in another account, asking to scan the log archive', () => {
    const [result] = check.evaluate(snapshotWith([]));
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: 'arn:aws:s3:::audit-logs' });
    expect(result?.reason).toContain('not in this account; scan the log archive account too');
  });

  it('is UNKNOWN, naming the permission, when the lock configuration could not be read', () => {
    const snapshot = awsSnapshot({
      cloudtrail: { trails: [trail] },
      s3: { buckets: [bucket({ objectLock: undefined })] },
      errors: [
        accessDenied('s3', 'GetObjectLockConfiguration', {
          resourceId: 'arn:aws:s3:::audit-logs',
          permission: 's3:GetBucketObjectLockConfiguration',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('s3:GetBucketObjectLockConfiguration');
  });

  it('is UNKNOWN for the account when CloudTrail was not read, since the log buckets are not known', () => {
    const snapshot = awsSnapshot({
      s3: { buckets: [] },
      errors: [accessDenied('cloudtrail', 'DescribeTrails')],
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
  });
});

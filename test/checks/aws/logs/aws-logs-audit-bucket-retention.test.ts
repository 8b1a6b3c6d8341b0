import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/logs/aws-logs-audit-bucket-retention.js';
import type { CloudTrailTrail, S3Bucket } from '../../../../source/model/aws-snapshot.js';
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
const bucket = (lifecycleExpirationDays: number | null | undefined): S3Bucket => ({
  name: 'audit-logs',
  arn: 'arn:aws:s3:::audit-logs',
  region: 'us-east-1',
  lifecycleExpirationDays,
});
const evaluate = (b: S3Bucket, errors = [] as ReturnType<typeof accessDenied>[]) =>
  check.evaluate(awsSnapshot({ cloudtrail: { trails: [trail] }, s3: { buckets: [b] }, errors }));

describe('aws-logs-audit-bucket-retention', () => {
  it('passes a log bucket whose objects never expire', () => {
    expect(evaluate(bucket(null))).toMatchObject([{ status: 'PASS', resourceId: 'arn:aws:s3:::audit-logs' }]);
  });

  it('passes 90 days exactly, recommending a year', () => {
    const [result] = evaluate(bucket(90));
    expect(result?.status).toBe('PASS');
    expect(result?.reason).toContain('365 days is recommended');
  });

  it('does not nag when a year or more is kept', () => {
    expect(evaluate(bucket(400))[0]?.reason).not.toContain('recommended');
  });

  it('fails a log bucket that expires logs before 90 days', () => {
    const [result] = evaluate(bucket(30));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('after 30 days');
    expect(result?.reason).toContain('trail main');
  });

  it('is UNKNOWN, naming the permission, when the lifecycle could not be read', () => {
    const [result] = evaluate(bucket(undefined), [
      accessDenied('s3', 'GetBucketLifecycleConfiguration', {
        resourceId: 'arn:aws:s3:::audit-logs',
        permission: 's3:GetLifecycleConfiguration',
      }),
    ]);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('s3:GetLifecycleConfiguration');
  });

  it('is UNKNOWN when S3 was not read at all', () => {
    const snapshot = awsSnapshot({
      cloudtrail: { trails: [trail] },
      errors: [accessDenied('s3', 'ListBuckets')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: 'arn:aws:s3:::audit-logs' });
    expect(result?.reason).toContain('ListBuckets');
  });

  it('is UNKNOWN for a bucket held by a log archive account', () => {
    const snapshot = awsSnapshot({ cloudtrail: { trails: [trail] }, s3: { buckets: [] } });
    expect(check.evaluate(snapshot)[0]?.reason).toContain('scan the log archive account too');
  });

  it('follows the bucket into the central log-archive account when the run read it', () => {
    const member = awsSnapshot({ cloudtrail: { trails: [trail] }, s3: { buckets: [] } });
    const archive = awsSnapshot({
      accountId: '999900001111',
      s3: { buckets: [bucket(30)] },
      cloudtrail: { trails: [] },
    });
    // Alone, the member account cannot see the bucket.
    expect(check.evaluate(member)).toMatchObject([
      { status: 'UNKNOWN', reason: expect.stringContaining('scan the log archive account too') },
    ]);
    // With the archive account in the same run, its bucket is judged.
    expect(check.evaluate(member, [member, archive])).toMatchObject([
      {
        status: 'FAIL',
        resourceId: 'arn:aws:s3:::audit-logs',
        reason: expect.stringContaining('after 30 days'),
      },
    ]);
    // And a setting the archive account could not read is explained by the archive account's error.
    const denied = awsSnapshot({
      accountId: '999900001111',
      s3: { buckets: [bucket(undefined)] },
      errors: [
        accessDenied('s3', 'GetBucketLifecycleConfiguration', {
          resourceId: 'arn:aws:s3:::audit-logs',
          permission: 's3:GetLifecycleConfiguration',
        }),
      ],
    });
    const [result] = check.evaluate(member, [member, denied]);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('s3:GetLifecycleConfiguration');
  });
});

import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/s3/aws-s3-public-access-block.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { bucket } from './s3-fixtures.js';

const allOn = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

describe('aws-s3-public-access-block', () => {
  it('passes a bucket with all four settings on', () => {
    const snapshot = awsSnapshot({ s3: { buckets: [bucket('data', { publicAccessBlock: allOn })] } });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'PASS', resourceId: 'arn:aws:s3:::data', region: 'us-east-1' },
    ]);
  });

  it('fails a bucket with no public access block', () => {
    const [result] = check.evaluate(
      awsSnapshot({ s3: { buckets: [bucket('open', { publicAccessBlock: null })] } }),
    );
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe('Bucket open has no public access block.');
  });

  it('fails a partial block and names the settings that are off', () => {
    const partial = { ...allOn, blockPublicPolicy: false, restrictPublicBuckets: false };
    const [result] = check.evaluate(
      awsSnapshot({ s3: { buckets: [bucket('half', { publicAccessBlock: partial })] } }),
    );
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe(
      'Bucket half leaves BlockPublicPolicy, RestrictPublicBuckets off in its public access block.',
    );
  });

  it('is UNKNOWN for a bucket whose block could not be read, naming the permission', () => {
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('locked')] },
      errors: [
        accessDenied('s3', 'GetPublicAccessBlock', {
          region: 'us-east-1',
          resourceId: 'arn:aws:s3:::locked',
          permission: 's3:GetBucketPublicAccessBlock',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('s3:GetBucketPublicAccessBlock');
  });

  it('is UNKNOWN for the account when S3 was not read', () => {
    expect(check.evaluate(awsSnapshot())).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
  });
});

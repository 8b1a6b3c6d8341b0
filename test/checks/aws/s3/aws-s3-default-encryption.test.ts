import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/s3/aws-s3-default-encryption.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { bucket } from './s3-fixtures.js';

describe('aws-s3-default-encryption', () => {
  it('passes buckets with SSE-S3 or KMS default encryption, per bucket and region', () => {
    const buckets = [
      bucket('a', { encryption: { algorithm: 'AES256' } }),
      bucket('b', { region: 'eu-west-1', encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/data' } }),
    ];
    expect(check.evaluate(awsSnapshot({ s3: { buckets } }))).toMatchObject([
      { status: 'PASS', resourceId: 'arn:aws:s3:::a', resourceName: 'a', region: 'us-east-1' },
      { status: 'PASS', resourceId: 'arn:aws:s3:::b', region: 'eu-west-1' },
    ]);
  });

  it('fails a bucket without default encryption', () => {
    const [result] = check.evaluate(awsSnapshot({ s3: { buckets: [bucket('raw', { encryption: null })] } }));
    expect(result).toMatchObject({ status: 'FAIL', resourceId: 'arn:aws:s3:::raw' });
    expect(result?.reason).toBe('Bucket raw has no default encryption.');
  });

  it('is UNKNOWN for a bucket whose encryption could not be read, naming the permission', () => {
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('locked'), bucket('ok', { encryption: { algorithm: 'AES256' } })] },
      errors: [
        accessDenied('s3', 'GetBucketEncryption', {
          region: 'us-east-1',
          resourceId: 'arn:aws:s3:::locked',
          permission: 's3:GetEncryptionConfiguration',
        }),
      ],
    });
    const [locked, ok] = check.evaluate(snapshot);
    expect(locked?.status).toBe('UNKNOWN');
    expect(locked?.reason).toContain('GetBucketEncryption');
    expect(locked?.reason).toContain('s3:GetEncryptionConfiguration');
    expect(ok?.status).toBe('PASS');
  });

  it('is UNKNOWN for the account when buckets could not be listed', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('s3', 'ListBuckets', { permission: 's3:ListAllMyBuckets' })],
    });
    const results = check.evaluate(snapshot);
    expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
    expect(results[0]?.reason).toContain('s3:ListAllMyBuckets');
  });
});

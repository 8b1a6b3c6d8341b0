import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/s3/aws-s3-kms-encryption.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { bucket, kmsKey } from './s3-fixtures.js';

describe('aws-s3-kms-encryption', () => {
  it('passes buckets encrypted with a customer-managed key, including DSSE-KMS', () => {
    const data = kmsKey('k1', { aliases: ['alias/s3-data'] });
    const buckets = [
      bucket('a', { encryption: { algorithm: 'aws:kms', kmsKeyId: data.arn } }),
      bucket('b', { encryption: { algorithm: 'aws:kms:dsse', kmsKeyId: 'alias/s3-data' } }),
    ];
    const results = check.evaluate(awsSnapshot({ s3: { buckets }, kms: { keys: [data] } }));
    expect(results).toMatchObject([
      { status: 'PASS', resourceId: 'arn:aws:s3:::a' },
      { status: 'PASS', resourceId: 'arn:aws:s3:::b' },
    ]);
    expect(results[0]?.reason).toContain('alias/s3-data');
  });

  it('passes a customer key that KMS did not list, since only aws/s3 is AWS-managed for S3', () => {
    const buckets = [
      bucket('x', {
        encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:999988887777:key/other' },
      }),
    ];
    expect(check.evaluate(awsSnapshot({ s3: { buckets } }))).toMatchObject([{ status: 'PASS' }]);
  });

  it('fails SSE-S3 (AES256) buckets', () => {
    const [result] = check.evaluate(
      awsSnapshot({ s3: { buckets: [bucket('logs', { encryption: { algorithm: 'AES256' } })] } }),
    );
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe(
      'Bucket logs uses S3-managed keys (SSE-S3), not a KMS key the company controls.',
    );
  });

  it('fails buckets on the AWS-managed aws/s3 key, named or implied', () => {
    const awsKey = kmsKey('aws1', { keyManager: 'AWS', aliases: ['alias/aws/s3'] });
    const buckets = [
      bucket('implied', { encryption: { algorithm: 'aws:kms' } }),
      bucket('alias', {
        encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/aws/s3' },
      }),
      bucket('by-id', { encryption: { algorithm: 'aws:kms', kmsKeyId: 'aws1' } }),
    ];
    const results = check.evaluate(awsSnapshot({ s3: { buckets }, kms: { keys: [awsKey] } }));
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(results[0]?.reason).toContain('AWS-managed aws/s3 key');
  });

  it('fails a bucket without default encryption', () => {
    const [result] = check.evaluate(awsSnapshot({ s3: { buckets: [bucket('raw', { encryption: null })] } }));
    expect(result?.status).toBe('FAIL');
  });

  it('is UNKNOWN for a bucket whose encryption could not be read, naming the permission', () => {
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('locked')] },
      errors: [
        accessDenied('s3', 'GetBucketEncryption', {
          region: 'us-east-1',
          resourceId: 'arn:aws:s3:::locked',
          permission: 's3:GetEncryptionConfiguration',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('s3:GetEncryptionConfiguration');
  });

  it('is UNKNOWN for the account when S3 was not read', () => {
    expect(check.evaluate(awsSnapshot())).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
  });
});

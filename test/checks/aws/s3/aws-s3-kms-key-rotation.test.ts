import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/s3/aws-s3-kms-key-rotation.js';
import type { S3Encryption } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { bucket, kmsKey } from './s3-fixtures.js';

const kms = (kmsKeyId?: string): S3Encryption => ({ algorithm: 'aws:kms', kmsKeyId });

describe('aws-s3-kms-key-rotation', () => {
  it('passes a bucket whose customer key rotates', () => {
    const key = kmsKey('k1', { rotationEnabled: true, aliases: ['alias/s3-data'] });
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('data', { encryption: kms(key.arn) })] },
      kms: { keys: [key] },
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'PASS', resourceId: 'arn:aws:s3:::data', region: 'us-east-1' });
    expect(result?.reason).toContain('alias/s3-data');
  });

  it('fails a bucket whose customer key does not rotate', () => {
    const key = kmsKey('k1', { rotationEnabled: false });
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('data', { encryption: kms('k1') })] },
      kms: { keys: [key] },
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe('Bucket data is encrypted with k1, whose automatic rotation is off.');
  });

  it('explains that imported key material never rotates automatically', () => {
    const key = kmsKey('ext', { origin: 'EXTERNAL', rotationEnabled: false });
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('data', { encryption: kms('ext') })] },
      kms: { keys: [key] },
    });
    expect(check.evaluate(snapshot)[0]?.reason).toContain('imported key material');
  });

  it('skips buckets without a customer-managed key', () => {
    const awsKey = kmsKey('aws1', { keyManager: 'AWS', rotationEnabled: true });
    const buckets = [
      bucket('sse-s3', { encryption: { algorithm: 'AES256' } }),
      bucket('none', { encryption: null }),
      bucket('default-kms', { encryption: kms() }),
      bucket('aws-alias', { encryption: kms('alias/aws/s3') }),
      bucket('aws-id', { encryption: kms('aws1') }),
    ];
    expect(check.evaluate(awsSnapshot({ s3: { buckets }, kms: { keys: [awsKey] } }))).toEqual([]);
  });

  it('is UNKNOWN when the key belongs to another account', () => {
    const foreign = 'arn:aws:kms:us-east-1:999988887777:key/shared';
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('data', { encryption: kms(foreign) })] },
      kms: { keys: [] },
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('belongs to account 999988887777');
  });

  it('is UNKNOWN, naming the failed KMS call, when KMS was not read', () => {
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('data', { encryption: kms('k1') })] },
      errors: [accessDenied('kms', 'ListKeys', { region: 'us-east-1', permission: 'kms:ListKeys' })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toBe(
      'Could not assess bucket data: its KMS key k1 could not be looked up because kms ListKeys failed with AccessDenied (missing kms:ListKeys).',
    );
  });

  it('is UNKNOWN when the key is not among the keys read', () => {
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('data', { encryption: kms('gone') })] },
      kms: { keys: [kmsKey('k1')] },
    });
    expect(check.evaluate(snapshot)[0]?.reason).toContain('not among the keys read from KMS in us-east-1');
  });

  it('is UNKNOWN, naming the permission, when the key’s rotation status could not be read', () => {
    const key = kmsKey('k1');
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('data', { encryption: kms('k1') })] },
      kms: { keys: [key] },
      errors: [
        accessDenied('kms', 'GetKeyRotationStatus', {
          region: 'us-east-1',
          resourceId: key.arn,
          permission: 'kms:GetKeyRotationStatus',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('kms:GetKeyRotationStatus');
  });

  it('is UNKNOWN for a bucket whose encryption could not be read', () => {
    const snapshot = awsSnapshot({
      s3: { buckets: [bucket('locked')] },
      errors: [
        accessDenied('s3', 'GetBucketEncryption', {
          region: 'us-east-1',
          permission: 's3:GetEncryptionConfiguration',
        }),
      ],
    });
    expect(check.evaluate(snapshot)[0]?.reason).toContain('GetBucketEncryption');
  });

  it('is UNKNOWN for the account when S3 was not read', () => {
    expect(check.evaluate(awsSnapshot())).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
  });
});

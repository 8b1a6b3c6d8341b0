import { describe, expect, it } from 'vitest';
import { findBucketKey } from '../../../checks/lib/aws-kms.js';
import { kmsKey } from '../aws/s3/s3-fixtures.js';

describe('findBucketKey', () => {
  const keys = [
    kmsKey('k1', { aliases: ['alias/s3-data'] }),
    kmsKey('k2', { region: 'eu-west-1', aliases: ['alias/s3-data'] }),
  ];

  it('resolves a key id, key ARN, alias name or alias ARN in the right region', () => {
    expect(findBucketKey(keys, 'k1', 'us-east-1')?.keyId).toBe('k1');
    expect(findBucketKey(keys, keys[1]!.arn, 'us-east-1')?.keyId).toBe('k2');
    expect(findBucketKey(keys, 'alias/s3-data', 'eu-west-1')?.keyId).toBe('k2');
    expect(findBucketKey(keys, 'arn:aws:kms:us-east-1:111122223333:alias/s3-data', 'eu-west-1')?.keyId).toBe(
      'k1',
    );
  });

  it('does not match a bare id in another region or an ARN from another account', () => {
    expect(findBucketKey(keys, 'k1', 'eu-west-1')).toBeUndefined();
    expect(findBucketKey(keys, 'arn:aws:kms:us-east-1:999988887777:key/k1', 'us-east-1')).toBeUndefined();
  });
});

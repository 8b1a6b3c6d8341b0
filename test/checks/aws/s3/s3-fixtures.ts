// Builders for the S3 check tests.

import type { KmsKey, S3Bucket } from '../../../../source/model/aws-snapshot.js';

export const ACCOUNT = '111122223333';

export function bucket(name: string, parts: Partial<S3Bucket> = {}): S3Bucket {
  return { name, arn: `arn:aws:s3:::${name}`, region: 'us-east-1', ...parts };
}

export function kmsKey(keyId: string, parts: Partial<KmsKey> = {}): KmsKey {
  const region = parts.region ?? 'us-east-1';
  return {
    keyId,
    arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${keyId}`,
    region,
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    ...parts,
  };
}

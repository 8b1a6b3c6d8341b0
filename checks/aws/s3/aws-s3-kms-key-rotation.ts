import type { AwsSnapshot, S3Bucket } from '../../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../../source/model/check.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import { findBucketKey, namesAwsManagedS3Key, parseKeyRef, rotationStatusQuery } from '../../lib/aws-kms.js';
import { assessBuckets, unreadBucketSetting } from '../../lib/aws-s3.js';
import type { Where } from '../../lib/results.js';
import { fail, findError, pass, unknown, unreadReason } from '../../lib/results.js';

function missingKey(snapshot: AwsSnapshot, bucket: S3Bucket, kmsKeyId: string): string {
  const account = parseKeyRef(kmsKeyId, bucket.region).account;
  if (account && account !== snapshot.accountId)
    return `Could not assess bucket ${bucket.name}: its KMS key ${kmsKeyId} belongs to account ${account}, outside this snapshot.`;
  if (!snapshot.kms) {
    const error = findError(snapshot, { service: 'kms', region: bucket.region });
    const cause = error
      ? `kms ${error.operation} failed with ${error.kind}${error.permission ? ` (missing ${error.permission})` : ''}`
      : 'KMS was not collected';
    return `Could not assess bucket ${bucket.name}: its KMS key ${kmsKeyId} could not be looked up because ${cause}.`;
  }
  return `Could not assess bucket ${bucket.name}: its KMS key ${kmsKeyId} is not among the keys read from KMS in ${bucket.region}.`;
}

function verdict(snapshot: AwsSnapshot, bucket: S3Bucket, where: Where): CheckResult | undefined {
  const encryption = bucket.encryption;
  if (encryption === undefined) return unreadBucketSetting(snapshot, bucket, 'GetBucketEncryption');
  // Buckets without a customer-managed key are aws-s3-kms-encryption's concern, not this check's.
  const kmsKeyId = encryption?.kmsKeyId;
  if (
    !encryption ||
    encryption.algorithm === 'AES256' ||
    kmsKeyId === undefined ||
    namesAwsManagedS3Key(kmsKeyId)
  )
    return undefined;
  const key = findBucketKey(snapshot.kms?.keys ?? [], kmsKeyId, bucket.region);
  if (!key) return unknown(bucket.arn, missingKey(snapshot, bucket, kmsKeyId), where);
  if (key.keyManager === 'AWS') return undefined;
  const keyName = key.aliases?.[0] ?? key.keyId;
  // The finding is about the bucket; the failed read is about its key.
  if (key.rotationEnabled === undefined)
    return unknown(bucket.arn, unreadReason(snapshot, rotationStatusQuery(key)), where);
  if (key.rotationEnabled)
    return pass(
      bucket.arn,
      `Bucket ${bucket.name} is encrypted with ${keyName}, which rotates automatically.`,
      where,
    );
  // Imported key material cannot rotate automatically; it needs a manual, dated rotation.
  const why =
    key.origin === 'AWS_KMS' ? 'automatic rotation is off' : 'imported key material is never rotated by AWS';
  return fail(bucket.arn, `Bucket ${bucket.name} is encrypted with ${keyName}, whose ${why}.`, where);
}

export default defineAwsCheck({
  id: 'aws-s3-kms-key-rotation',
  service: 's3',
  title: 'KMS keys that encrypt S3 buckets rotate',
  severity: 'medium',
  criteria: ['CC6.1', 'C1.1'],
  risk:
    'The key protecting bucket data never changes, so anyone who ever obtained it keeps the ability to ' +
    'decrypt; auditors check that the keys actually in use on customer data follow the rotation policy.',
  remediation: {
    summary:
      'Turn on automatic rotation for each customer-managed key that encrypts a bucket (yearly or sooner); ' +
      'for imported key material, import new material on a schedule and keep the record.',
    snippet: {
      language: 'shell',
      code:
        'aws kms enable-key-rotation --key-id 1234abcd-12ab-34cd-56ef-1234567890ab --rotation-period-in-days 365\n' +
        'aws kms get-key-rotation-status --key-id 1234abcd-12ab-34cd-56ef-1234567890ab',
    },
  },
  effort: { baseHours: 0.5, perResourceHours: 0.25, maxHours: 3 },
  owner: 'Cloud platform engineer',
  evidence:
    'GetKeyRotationStatus for each key that encrypts a bucket at the start and end of the window, and the ' +
    'CloudTrail RotateKey events in between.',
  dependsOn: ['aws-kms-key-rotation'],
  evaluate(snapshot) {
    return assessBuckets(snapshot, (bucket, where) => verdict(snapshot, bucket, where));
  },
});

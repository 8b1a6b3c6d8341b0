import type { AwsSnapshot, S3Bucket } from '../../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../../source/model/check.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import { findBucketKey, namesAwsManagedS3Key } from '../../lib/aws-kms.js';
import { assessBuckets, unreadBucketSetting } from '../../lib/aws-s3.js';
import type { Where } from '../../lib/results.js';
import { fail, pass } from '../../lib/results.js';

function verdict(snapshot: AwsSnapshot, bucket: S3Bucket, where: Where): CheckResult {
  const encryption = bucket.encryption;
  if (encryption === undefined) return unreadBucketSetting(snapshot, bucket, 'GetBucketEncryption');
  if (encryption === null)
    return fail(
      bucket.arn,
      `Bucket ${bucket.name} has no default encryption, so no customer-managed key protects it.`,
      where,
    );
  if (encryption.algorithm === 'AES256')
    return fail(
      bucket.arn,
      `Bucket ${bucket.name} uses S3-managed keys (SSE-S3), not a KMS key the company controls.`,
      where,
    );
  const key = encryption.kmsKeyId
    ? findBucketKey(snapshot.kms?.keys ?? [], encryption.kmsKeyId, bucket.region)
    : undefined;
  // The aws/s3 key is KMS, but AWS owns its policy: nobody can restrict, disable or revoke it.
  if (namesAwsManagedS3Key(encryption.kmsKeyId) || key?.keyManager === 'AWS')
    return fail(
      bucket.arn,
      `Bucket ${bucket.name} uses the AWS-managed aws/s3 key, whose key policy the company cannot control.`,
      where,
    );
  return pass(
    bucket.arn,
    `Bucket ${bucket.name} is encrypted with customer-managed KMS key ${key?.aliases?.[0] ?? encryption.kmsKeyId}.`,
    where,
  );
}

export default defineAwsCheck({
  id: 'aws-s3-kms-encryption',
  service: 's3',
  title: 'S3 buckets are encrypted with a customer-managed KMS key',
  severity: 'medium',
  criteria: ['CC6.1', 'C1.1'],
  risk:
    'With S3-managed or AWS-managed keys, anyone allowed to read the bucket can read the data, and the ' +
    'company cannot show who decrypted what. A customer-managed key adds a key policy that decides who may ' +
    'decrypt, a rotation schedule it sets, the power to revoke access to all the data at once by disabling ' +
    'the key, and a CloudTrail record of every use: the separation auditors and enterprise customers ask for.',
  remediation: {
    summary:
      'Create a customer-managed KMS key (rotation on, key policy limited to the roles that need the data) and ' +
      'make it the bucket default with S3 Bucket Keys; re-encrypt existing objects with S3 Batch Operations if needed.',
    snippet: {
      language: 'terraform',
      code:
        'resource "aws_kms_key" "s3_data" {\n' +
        '  description         = "Customer data in S3"\n' +
        '  enable_key_rotation = true\n' +
        '}\n\n' +
        'resource "aws_s3_bucket_server_side_encryption_configuration" "payments" {\n' +
        '  bucket = "example-payments-data"\n' +
        '  rule {\n' +
        '    apply_server_side_encryption_by_default {\n' +
        '      sse_algorithm     = "aws:kms"\n' +
        '      kms_master_key_id = aws_kms_key.s3_data.arn\n' +
        '    }\n' +
        '    bucket_key_enabled = true\n' +
        '  }\n' +
        '}',
    },
  },
  effort: { baseHours: 2, perResourceHours: 0.5, maxHours: 12 },
  owner: 'Cloud platform engineer',
  evidence:
    'GetBucketEncryption for every bucket and the key policies of the keys it names at the start and end of ' +
    'the window, plus CloudTrail showing KMS use by the expected roles only.',
  dependsOn: ['aws-s3-default-encryption'],
  evaluate(snapshot) {
    return assessBuckets(snapshot, (bucket, where) => verdict(snapshot, bucket, where));
  },
});

import { defineAwsCheck } from '../../../source/model/check.js';
import { assessBuckets, unreadBucketSetting } from '../../lib/aws-s3.js';
import { fail, pass } from '../../lib/results.js';

export default defineAwsCheck({
  id: 'aws-s3-default-encryption',
  service: 's3',
  title: 'S3 buckets encrypt new objects by default',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  risk:
    'Without default encryption, objects are written in the clear unless every client remembers to ask, so ' +
    'customer and payment data can end up unencrypted at rest: an exception auditors report on its own.',
  remediation: {
    summary:
      'Set default encryption on every bucket, preferably with a customer-managed KMS key and S3 Bucket Keys.',
    snippet: {
      language: 'shell',
      code:
        'aws s3api put-bucket-encryption --bucket example-payments-data \\\n' +
        '  --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":' +
        '{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/s3-data"},"BucketKeyEnabled":true}]}\'',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.25, maxHours: 6 },
  owner: 'Cloud platform engineer',
  evidence:
    'GetBucketEncryption for every bucket at the start and end of the window, or the AWS Config rule ' +
    's3-bucket-server-side-encryption-enabled compliance history across it.',
  evaluate(snapshot) {
    return assessBuckets(snapshot, (bucket, where) => {
      const encryption = bucket.encryption;
      if (encryption === undefined) return unreadBucketSetting(snapshot, bucket, 'GetBucketEncryption');
      if (encryption === null)
        return fail(bucket.arn, `Bucket ${bucket.name} has no default encryption.`, where);
      const kind =
        encryption.algorithm === 'AES256' ? 'S3-managed keys (SSE-S3)' : `KMS (${encryption.algorithm})`;
      return pass(bucket.arn, `Bucket ${bucket.name} encrypts new objects by default with ${kind}.`, where);
    });
  },
});

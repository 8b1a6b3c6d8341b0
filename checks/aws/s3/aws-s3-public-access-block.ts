import type { S3Bucket } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import { assessBuckets, unreadBucketSetting } from '../../lib/aws-s3.js';
import { fail, pass } from '../../lib/results.js';

type BlockSetting = keyof NonNullable<S3Bucket['publicAccessBlock']>;

/** The four settings by the names the console and the API show. */
const SETTINGS: readonly [BlockSetting, string][] = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
];

export default defineAwsCheck({
  id: 'aws-s3-public-access-block',
  service: 's3',
  title: 'S3 buckets block all public access',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6', 'C1.1'],
  risk:
    'Without Block Public Access, one mistaken bucket policy or object ACL publishes its contents to the ' +
    'internet; exposed buckets are among the most common causes of cloud data breaches.',
  remediation: {
    summary:
      'Turn on all four Block Public Access settings for each bucket, and for the whole account once no ' +
      'bucket needs to be public (serve public files through CloudFront with origin access control instead).',
    snippet: {
      language: 'shell',
      code:
        'aws s3api put-public-access-block --bucket example-payments-data --public-access-block-configuration \\\n' +
        '  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n' +
        '# the same for every bucket in the account\n' +
        'aws s3control put-public-access-block --account-id 111122223333 --public-access-block-configuration \\\n' +
        '  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.5, maxHours: 8 },
  owner: 'Cloud platform engineer',
  evidence:
    'GetPublicAccessBlock for each bucket (and the account) at the start and end of the window, or the AWS ' +
    'Config rule s3-bucket-level-public-access-prohibited compliance history across it.',
  evaluate(snapshot) {
    return assessBuckets(snapshot, (bucket, where) => {
      const block = bucket.publicAccessBlock;
      if (block === undefined) return unreadBucketSetting(snapshot, bucket, 'GetPublicAccessBlock');
      if (block === null) return fail(bucket.arn, `Bucket ${bucket.name} has no public access block.`, where);
      const off = SETTINGS.filter(([key]) => !block[key]).map(([, name]) => name);
      return off.length > 0
        ? fail(
            bucket.arn,
            `Bucket ${bucket.name} leaves ${off.join(', ')} off in its public access block.`,
            where,
          )
        : pass(bucket.arn, `Bucket ${bucket.name} blocks all public access.`, where);
    });
  },
});

// Going through an account's S3 buckets, the same way for every S3 check.

import type { AwsSnapshot, S3Bucket } from '../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../source/model/check.js';
import type { Where } from './results.js';
import { unknownResource, unreadService } from './results.js';
import { awsAccountId } from './scope.js';

/** Buckets are global by name but live in one region; findings name both. */
export function bucketWhere(bucket: S3Bucket): Where {
  return { region: bucket.region, resourceName: bucket.name };
}

/**
 * One finding per bucket from `assess` (a bucket it returns nothing for is not this check's concern), or
 * one UNKNOWN for the account when the bucket list could not be read.
 */
export function assessBuckets(
  snapshot: AwsSnapshot,
  assess: (bucket: S3Bucket, where: Where) => CheckResult | undefined,
): CheckResult[] {
  if (!snapshot.s3)
    return unreadService(snapshot, awsAccountId(snapshot), { service: 's3', operation: 'ListBuckets' }, 'S3');
  return snapshot.s3.buckets.flatMap((bucket) => assess(bucket, bucketWhere(bucket)) ?? []);
}

/** UNKNOWN for a bucket whose setting could not be read, naming the failed `operation` if it was recorded. */
export function unreadBucketSetting(snapshot: AwsSnapshot, bucket: S3Bucket, operation: string): CheckResult {
  const query = { service: 's3', operation, region: bucket.region, resourceId: bucket.arn };
  return unknownResource(snapshot, query, bucketWhere(bucket));
}

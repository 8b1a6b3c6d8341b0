// S3: every bucket in the account and the settings the checks read (default encryption, Object Lock,
// versioning, lifecycle expiration, Block Public Access, tags). Buckets are listed once, globally, then
// each bucket's settings are read from its own region.

import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  type Bucket,
  type LifecycleRule,
  type ObjectLockConfiguration,
  type ServerSideEncryptionConfiguration,
} from '@aws-sdk/client-s3';
import type { S3Bucket, S3Encryption, S3ObjectLock } from '../../model/aws-snapshot.js';
import { mapLimit } from '../../util/collections.js';
import {
  callError,
  isoDate,
  read,
  readAllPages,
  RegionalClients,
  RESOURCE_CONCURRENCY,
  tagRecord,
  type AwsCollectContext,
  type ReadCall,
} from './context.js';

/** Page size for ListBuckets; asking for one makes AWS paginate instead of stopping at 10,000. */
const PAGE_SIZE = 1000;

/**
 * Bucket settings are six small GETs per bucket, so with hundreds of buckets the wall time is the
 * number of calls over how many run at once times the latency: 24 at once keeps 500 buckets under
 * half a minute at real-world latency (bench/collect-large.ts), well inside S3's request rates.
 */
const S3_SETTING_CONCURRENCY = 24;

export async function collectS3(ctx: AwsCollectContext): Promise<{ buckets: S3Bucket[] } | undefined> {
  // Follow redirects so a bucket whose region had to be guessed (location unreadable) is still read.
  const clients = new RegionalClients(
    (region) => new S3Client({ ...ctx.clientConfig(region), followRegionRedirects: true }),
  );
  try {
    const listed = await listBuckets(ctx, clients.for(ctx.homeRegion));
    if (!listed) return undefined;
    const buckets = await mapLimit(listed, RESOURCE_CONCURRENCY, (entry) =>
      locateBucket(ctx, clients, entry),
    );
    // Buckets outside ctx.regions are read too: S3 lists them account-wide, and a log bucket in a
    // region nobody scans still decides whether the audit trail is kept.
    const tasks = buckets.flatMap((bucket) => SETTINGS.map((readSetting) => ({ bucket, readSetting })));
    const settings = await mapLimit(tasks, S3_SETTING_CONCURRENCY, ({ bucket, readSetting }) =>
      readSetting(ctx, clients.for(bucket.region), bucket),
    );
    // Merge in SETTINGS order so every bucket's fields come out in the same order, whatever finished first.
    settings.forEach((part, index) => Object.assign(tasks[index]!.bucket, part));
    return { buckets };
  } finally {
    clients.destroy();
  }
}

/** Every bucket, all pages; undefined when any page failed (a partial list would hide buckets). */
async function listBuckets(ctx: AwsCollectContext, client: S3Client): Promise<Bucket[] | undefined> {
  const call: ReadCall = {
    service: 's3',
    operation: 'ListBuckets',
    permission: 's3:ListAllMyBuckets',
    region: ctx.homeRegion,
  };
  return readAllPages(ctx, call, {
    send: (ContinuationToken, abortSignal) =>
      client.send(new ListBucketsCommand({ MaxBuckets: PAGE_SIZE, ContinuationToken }), { abortSignal }),
    items: (page) => (page.Buckets ?? []).filter((b) => b.Name),
    nextToken: (page) => page.ContinuationToken,
  });
}

/** The bucket with its region: from ListBuckets when AWS gives it, else from GetBucketLocation. */
async function locateBucket(
  ctx: AwsCollectContext,
  clients: RegionalClients<S3Client>,
  entry: Bucket,
): Promise<S3Bucket> {
  const name = entry.Name!;
  const arn = `arn:aws:s3:::${name}`;
  const createdAt = isoDate(entry.CreationDate);
  const region =
    entry.BucketRegion ||
    (await bucketLocation(ctx, clients.for(ctx.homeRegion), name, arn)) ||
    // Unreadable location: read the settings through the home region (the client follows AWS's
    // redirect), knowing the region shown is a guess; the recorded error says why.
    ctx.homeRegion;
  return { name, arn, region, ...(createdAt ? { createdAt } : {}) };
}

async function bucketLocation(
  ctx: AwsCollectContext,
  client: S3Client,
  name: string,
  arn: string,
): Promise<string | undefined> {
  const call = {
    service: 's3',
    operation: 'GetBucketLocation',
    permission: 's3:GetBucketLocation',
    resourceId: arn,
  };
  const out = await read(ctx, call, (abortSignal) =>
    client.send(new GetBucketLocationCommand({ Bucket: name }), { abortSignal }),
  );
  if (!out) return undefined;
  return regionOfLocation(out.LocationConstraint);
}

/** us-east-1 has no location constraint, and the oldest EU buckets still say `EU`. */
export function regionOfLocation(constraint: string | null | undefined): string {
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

type SettingReader = (
  ctx: AwsCollectContext,
  client: S3Client,
  bucket: S3Bucket,
) => Promise<Partial<S3Bucket>>;

/** One read call about a bucket: errors name its region and ARN. */
function bucketCall(
  bucket: S3Bucket,
  operation: string,
  permission: string,
  absentWhen: readonly string[] = [],
): ReadCall {
  return { service: 's3', operation, permission, region: bucket.region, resourceId: bucket.arn, absentWhen };
}

const readEncryption: SettingReader = async (ctx, client, bucket) => {
  const call = bucketCall(bucket, 'GetBucketEncryption', 's3:GetEncryptionConfiguration', [
    'ServerSideEncryptionConfigurationNotFoundError',
  ]);
  const out = await read(ctx, call, (abortSignal) =>
    client.send(new GetBucketEncryptionCommand({ Bucket: bucket.name }), { abortSignal }),
  );
  if (out === undefined) return {};
  if (out === null) return { encryption: null };
  const encryption = encryptionOf(out.ServerSideEncryptionConfiguration);
  if (encryption === undefined) ctx.errors.push(unrecognised(call, 'encryption algorithm'));
  return encryption === undefined ? {} : { encryption };
};

const ALGORITHMS: readonly S3Encryption['algorithm'][] = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** The default-encryption rule; undefined for an algorithm the model has no name for. */
export function encryptionOf(
  config: ServerSideEncryptionConfiguration | undefined,
): S3Encryption | null | undefined {
  const rule = config?.Rules?.find((r) => r.ApplyServerSideEncryptionByDefault);
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  if (!byDefault) return null;
  const algorithm = ALGORITHMS.find((a) => a === byDefault.SSEAlgorithm);
  if (!algorithm) return undefined;
  return {
    algorithm,
    ...(byDefault.KMSMasterKeyID ? { kmsKeyId: byDefault.KMSMasterKeyID } : {}),
    ...(rule.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: rule.BucketKeyEnabled } : {}),
  };
}

/** A reply that was read but could not be interpreted: recorded so the UNKNOWN it causes says why. */
function unrecognised(call: ReadCall, what: string) {
  return callError(call, 'Other', `unrecognised ${what} in the reply`);
}

const readObjectLock: SettingReader = async (ctx, client, bucket) => {
  const call = bucketCall(bucket, 'GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration', [
    'ObjectLockConfigurationNotFoundError',
  ]);
  const out = await read(ctx, call, (abortSignal) =>
    client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket.name }), { abortSignal }),
  );
  if (out === undefined) return {};
  return { objectLock: out === null ? null : objectLockOf(out.ObjectLockConfiguration) };
};

export function objectLockOf(config: ObjectLockConfiguration | undefined): S3ObjectLock | null {
  if (!config) return null;
  const retention = config.Rule?.DefaultRetention;
  const days = retention?.Days ?? (retention?.Years !== undefined ? retention.Years * 365 : undefined);
  return {
    enabled: config.ObjectLockEnabled === 'Enabled',
    ...(retention?.Mode ? { mode: retention.Mode } : {}),
    ...(days !== undefined ? { retentionDays: days } : {}),
  };
}

const readVersioning: SettingReader = async (ctx, client, bucket) => {
  const call = bucketCall(bucket, 'GetBucketVersioning', 's3:GetBucketVersioning');
  const out = await read(ctx, call, (abortSignal) =>
    client.send(new GetBucketVersioningCommand({ Bucket: bucket.name }), { abortSignal }),
  );
  // A bucket that never had versioning answers with no Status at all.
  return out ? { versioning: out.Status ?? 'Disabled' } : {};
};

const readLifecycle: SettingReader = async (ctx, client, bucket) => {
  const call = bucketCall(bucket, 'GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration', [
    'NoSuchLifecycleConfiguration',
  ]);
  const out = await read(ctx, call, (abortSignal) =>
    client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket.name }), { abortSignal }),
  );
  if (out === undefined) return {};
  return { lifecycleExpirationDays: out === null ? null : expirationDaysOf(out.Rules ?? []) };
};

/**
 * The shortest expiration that applies to every object: enabled rules over the whole bucket only, since
 * a rule limited by prefix, tag or size leaves other objects alone. Expiration on a fixed date deletes
 * everything on that date however new, so it guarantees no retention at all (0 days). Rules that only
 * remove delete markers or noncurrent versions do not expire the objects themselves.
 */
export function expirationDaysOf(rules: readonly LifecycleRule[]): number | null {
  const days = rules
    .filter((rule) => rule.Status === 'Enabled' && coversWholeBucket(rule))
    .map((rule) => (rule.Expiration?.Date ? 0 : rule.Expiration?.Days))
    .filter((d): d is number => d !== undefined);
  return days.length > 0 ? Math.min(...days) : null;
}

function coversWholeBucket(rule: LifecycleRule): boolean {
  if (rule.Prefix) return false; // the legacy rule-level prefix
  const filter = rule.Filter;
  if (!filter) return true;
  const and = filter.And;
  return (
    !filter.Prefix &&
    !filter.Tag &&
    filter.ObjectSizeGreaterThan === undefined &&
    filter.ObjectSizeLessThan === undefined &&
    (!and ||
      (!and.Prefix &&
        (and.Tags ?? []).length === 0 &&
        and.ObjectSizeGreaterThan === undefined &&
        and.ObjectSizeLessThan === undefined))
  );
}

const readPublicAccessBlock: SettingReader = async (ctx, client, bucket) => {
  const call = bucketCall(bucket, 'GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock', [
    'NoSuchPublicAccessBlockConfiguration',
  ]);
  const out = await read(ctx, call, (abortSignal) =>
    client.send(new GetPublicAccessBlockCommand({ Bucket: bucket.name }), { abortSignal }),
  );
  if (out === undefined) return {};
  const block = out?.PublicAccessBlockConfiguration;
  if (!block) return { publicAccessBlock: null };
  // A setting AWS leaves out is off.
  return {
    publicAccessBlock: {
      blockPublicAcls: block.BlockPublicAcls === true,
      ignorePublicAcls: block.IgnorePublicAcls === true,
      blockPublicPolicy: block.BlockPublicPolicy === true,
      restrictPublicBuckets: block.RestrictPublicBuckets === true,
    },
  };
};

const readTags: SettingReader = async (ctx, client, bucket) => {
  const call = bucketCall(bucket, 'GetBucketTagging', 's3:GetBucketTagging', ['NoSuchTagSet']);
  const out = await read(ctx, call, (abortSignal) =>
    client.send(new GetBucketTaggingCommand({ Bucket: bucket.name }), { abortSignal }),
  );
  const tags = tagRecord(out?.TagSet);
  return tags ? { tags } : {};
};

/** Every per-bucket read, in the order the fields appear on a bucket. */
const SETTINGS: readonly SettingReader[] = [
  readTags,
  readEncryption,
  readObjectLock,
  readVersioning,
  readLifecycle,
  readPublicAccessBlock,
];

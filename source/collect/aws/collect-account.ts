// One AWS account, read end to end into a snapshot: who the credential is, which regions are enabled,
// then every service at once. Each service records its own failed calls, so one denied permission
// makes its checks UNKNOWN instead of failing the scan.

import { setMaxListeners } from 'node:events';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsSnapshot } from '../../model/aws-snapshot.js';
import { SNAPSHOT_SCHEMA_VERSION, type CollectionError } from '../../model/snapshot.js';
import { CollectError } from '../../util/errors.js';
import { tracked, type ServiceProgress } from '../progress.js';
import { collectCloudTrail } from './cloudtrail.js';
import { collectConfig } from './config.js';
import { awsClientConfig, read, type AwsCollectContext } from './context.js';
import { collectEc2 } from './ec2.js';
import { credentialsFor, regionFor, type AwsTarget } from './credentials.js';
import { classifyAwsError } from './errors.js';
import { collectIam } from './iam.js';
import { collectKms } from './kms.js';
import { collectLogs } from './logs.js';
import { accountAlias, collectOrganization } from './organization.js';
import { collectS3 } from './s3.js';

/** Global services (IAM, Organizations, the S3 bucket list) answer in us-east-1 in the commercial partition. */
const HOME_REGION = 'us-east-1';

export interface AwsAccountOptions {
  /** Regions to read; empty or absent means every region enabled in the account. */
  regions?: readonly string[];
  now: () => Date;
  signal?: AbortSignal;
  onService?: ServiceProgress;
  /** Credentials to use instead of the target's own (a member account reached through a role). */
  credentials?: AwsCredentialIdentityProvider;
  /** What to call the account in messages, when not the target's own description. */
  label?: string;
}

export async function collectAwsAccount(target: AwsTarget, options: AwsAccountOptions): Promise<AwsSnapshot> {
  // Every call in flight listens on the cancel signal, and dozens run at once: without this Node
  // prints a MaxListenersExceededWarning over the terminal UI.
  if (options.signal) setMaxListeners(0, options.signal);
  const clientConfig = awsClientConfig(options.credentials ?? credentialsFor(target));
  const accountId = await callerAccount(
    options.label ?? describeTarget(target),
    clientConfig(regionFor(target)),
    options.signal,
  );
  const errors: CollectionError[] = [];
  const base: AwsCollectContext = {
    accountId,
    regions: [],
    homeRegion: HOME_REGION,
    clientConfig,
    errors,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const ctx: AwsCollectContext = { ...base, regions: await regionsToRead(base, options.regions ?? []) };
  const [accountName, organization, iam, s3, kms, cloudtrail, ec2, config, logs] = await Promise.all([
    accountAlias(ctx),
    collectOrganization(ctx),
    tracked(options.onService, 'iam', () => collectIam(ctx)),
    tracked(options.onService, 's3', () => collectS3(ctx)),
    tracked(options.onService, 'kms', () => collectKms(ctx)),
    tracked(options.onService, 'cloudtrail', () => collectCloudTrail(ctx)),
    tracked(options.onService, 'ec2', () => collectEc2(ctx)),
    tracked(options.onService, 'config', () => collectConfig(ctx)),
    tracked(options.onService, 'logs', () => collectLogs(ctx)),
  ]);
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    provider: 'aws',
    source: 'live',
    collectedAt: options.now().toISOString(),
    errors,
    accountId,
    ...(accountName ? { accountName } : {}),
    regions: [...ctx.regions],
    ...(organization ? { organization } : {}),
    ...(iam ? { iam } : {}),
    ...(s3 ? { s3 } : {}),
    ...(kms ? { kms } : {}),
    ...(cloudtrail ? { cloudtrail } : {}),
    ...(ec2 ? { ec2 } : {}),
    ...(config ? { config } : {}),
    ...(logs ? { logs } : {}),
  };
}

/** Without knowing the account nothing can be read: this failure ends the account's scan, with the reason. */
async function callerAccount(
  label: string,
  config: ReturnType<ReturnType<typeof awsClientConfig>>,
  signal: AbortSignal | undefined,
): Promise<string> {
  const sts = new STSClient({ ...config, maxAttempts: 2 });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}), signal ? { abortSignal: signal } : {});
    if (!out.Account) throw new CollectError('AWS STS did not say which account the credential belongs to.');
    return out.Account;
  } catch (error) {
    if (error instanceof CollectError) throw error;
    const meaning = classifyAwsError(error);
    throw new CollectError(`${label}: ${meaning.message}`);
  } finally {
    sts.destroy();
  }
}

/**
 * The enabled regions (DescribeRegions lists only those by default), narrowed to the ones asked for.
 * When they cannot be listed, the regions asked for are read as given, or the credential's own region.
 */
async function regionsToRead(ctx: AwsCollectContext, wanted: readonly string[]): Promise<string[]> {
  const ec2 = new EC2Client(ctx.clientConfig(ctx.homeRegion));
  try {
    const out = await read(
      ctx,
      { service: 'ec2', operation: 'DescribeRegions', permission: 'ec2:DescribeRegions' },
      (abortSignal) => ec2.send(new DescribeRegionsCommand({}), { abortSignal }),
    );
    const enabled = (out?.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
    if (enabled.length === 0) return wanted.length > 0 ? [...wanted] : [ctx.homeRegion];
    return wanted.length > 0 ? enabled.filter((r) => wanted.includes(r)) : enabled;
  } finally {
    ec2.destroy();
  }
}

export function describeTarget(target: AwsTarget): string {
  switch (target.from) {
    case 'profile':
      return `AWS profile ${target.profile}`;
    case 'environment':
      return 'AWS keys in the environment';
    case 'web-identity':
      return 'AWS web identity';
    case 'default':
      return 'AWS default credentials';
  }
}

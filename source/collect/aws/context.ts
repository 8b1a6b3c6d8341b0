// What every AWS service collector shares: the account and regions being read, one client
// configuration, and one way to make a read call that records its failure instead of throwing, so a
// check can say which call failed and which permission was missing.

import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { CollectionError } from '../../model/snapshot.js';
import { classifyAwsError } from './errors.js';

export interface AwsClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  maxAttempts: number;
  /** Adaptive retries slow down on throttling instead of failing the scan. */
  retryMode: 'adaptive';
  requestHandler: { connectionTimeout: number; requestTimeout: number };
  /** S3 only: custom endpoints (LocalStack, a test server) need path-style bucket addressing. */
  forcePathStyle?: boolean;
}

export interface AwsCollectContext {
  accountId: string;
  /** Enabled regions to read regional services in. */
  regions: readonly string[];
  /** Where global services (IAM, Organizations, S3's bucket list) are called. */
  homeRegion: string;
  clientConfig(region: string): AwsClientConfig;
  /** Every failed call, in the order it failed; becomes the snapshot's `errors`. */
  errors: CollectionError[];
  signal?: AbortSignal;
}

export function awsClientConfig(
  credentials: AwsCredentialIdentityProvider,
  env: NodeJS.ProcessEnv = process.env,
): (region: string) => AwsClientConfig {
  const customEndpoint = Boolean(env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_S3);
  return (region) => ({
    region,
    credentials,
    maxAttempts: 5,
    retryMode: 'adaptive',
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    ...(customEndpoint ? { forcePathStyle: true } : {}),
  });
}

export interface ReadCall {
  /** AWS's short service name, as checks query errors by it: `iam`, `s3`, `ec2`, `kms`... */
  service: string;
  /** The API operation, e.g. `GetBucketEncryption`. */
  operation: string;
  /** The IAM action the call needs, named when it is denied. */
  permission: string;
  region?: string;
  resourceId?: string;
  /**
   * Error names that mean "read, and not configured" (e.g. `NoSuchEntity` for an account without a
   * password policy): the call then gives `null`, and no error is recorded.
   */
  absentWhen?: readonly string[];
}

export class CollectionCancelled extends Error {
  constructor() {
    super('collection cancelled');
    this.name = 'CollectionCancelled';
  }
}

/**
 * One read call. Gives its result; `null` when AWS says the thing is not configured (`absentWhen`);
 * `undefined` when it failed, with the failure recorded in `ctx.errors`. A cancel stops the whole
 * collection rather than being recorded as a failed call.
 */
export async function read<T>(
  ctx: AwsCollectContext,
  call: ReadCall,
  send: (abortSignal: AbortSignal | undefined) => Promise<T>,
): Promise<T | null | undefined> {
  if (ctx.signal?.aborted) throw new CollectionCancelled();
  try {
    return await send(ctx.signal);
  } catch (error) {
    if (ctx.signal?.aborted) throw new CollectionCancelled();
    const meaning = classifyAwsError(error);
    if (call.absentWhen?.includes(meaning.name)) return null;
    ctx.errors.push({
      service: call.service,
      operation: call.operation,
      kind: meaning.kind,
      message: meaning.message,
      ...(call.region ? { region: call.region } : {}),
      ...(call.resourceId ? { resourceId: call.resourceId } : {}),
      ...(meaning.kind === 'AccessDenied'
        ? { permission: deniedAction(meaning.message) ?? call.permission }
        : {}),
    });
    return undefined;
  }
}

/** AWS often names the denied action: "... is not authorized to perform: iam:ListUsers on ...". */
function deniedAction(message: string): string | undefined {
  return /perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
}

/** Runs `fn` over `items`, at most `limit` at a time, results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Tags as AWS lists them (`[{ Key, Value }]`) as a plain record; undefined when there are none. */
export function tagRecord(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined;
  return Object.fromEntries(tags.filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? '']));
}

/** A date from the SDK (Date or string) as ISO 8601; undefined when absent or invalid. */
export function isoDate(value: Date | string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

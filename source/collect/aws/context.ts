// What every AWS service collector shares: the account and regions being read, one client
// configuration, and one way to make a read call that records its failure instead of throwing, so a
// check can say which call failed and which permission was missing. Built on it: reading every page of
// a list and every region, how many calls run at once, per-region clients, and a cancellable wait.

import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { CollectionError, CollectionErrorKind } from '../../model/snapshot.js';
import { mapLimit } from '../../util/collections.js';
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
      ...callError(call, meaning.kind, meaning.message),
      ...(meaning.kind === 'AccessDenied'
        ? { permission: deniedAction(meaning.message) ?? call.permission }
        : {}),
    });
    return undefined;
  }
}

/**
 * The error record of a call, naming its region and resource when it has them. `read` records failed
 * calls with it; collectors record with it a reply they read but cannot use (kind `Other`).
 */
export function callError(call: ReadCall, kind: CollectionErrorKind, message: string): CollectionError {
  return {
    service: call.service,
    operation: call.operation,
    kind,
    message,
    ...(call.region ? { region: call.region } : {}),
    ...(call.resourceId ? { resourceId: call.resourceId } : {}),
  };
}

/** AWS often names the denied action: "... is not authorized to perform: iam:ListUsers on ...". */
function deniedAction(message: string): string | undefined {
  return /perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
}

/** How to read a list call page by page: see `readAllPages`. */
export interface PagedCall<Page, Item> {
  /** Sends the call for the page after `token`; `undefined` asks for the first page. */
  send: (token: string | undefined, abortSignal: AbortSignal | undefined) => Promise<Page>;
  items: (page: Page) => readonly Item[] | undefined;
  /** The token of the next page; none on the last page. */
  nextToken: (page: Page) => string | undefined;
  /**
   * For an API that says whether more results follow (IAM's `IsTruncated`): a page saying so without a
   * new token makes the whole list unreadable, recorded with `message`, rather than ending it short.
   */
  truncated?: { when: (page: Page) => boolean; message: string };
  /** `null` instead of the list when the first page says the thing is absent (`call.absentWhen`). */
  nullWhenAbsent?: boolean;
}

/**
 * Reads every page of a list call. `undefined` when any page failed (recorded by `read`): a partial list
 * would let checks pass on resources they never saw. A page saying the thing is absent (`call.absentWhen`)
 * leaves the list unread too, except a first page when the caller asks for `null` (`nullWhenAbsent`).
 * A page without a token ends the list, and so does a token seen before, which would loop for ever.
 */
export function readAllPages<Page, Item>(
  ctx: AwsCollectContext,
  call: ReadCall,
  pages: PagedCall<Page, Item> & { nullWhenAbsent: true },
): Promise<Item[] | null | undefined>;
export function readAllPages<Page, Item>(
  ctx: AwsCollectContext,
  call: ReadCall,
  pages: PagedCall<Page, Item>,
): Promise<Item[] | undefined>;
export async function readAllPages<Page, Item>(
  ctx: AwsCollectContext,
  call: ReadCall,
  pages: PagedCall<Page, Item>,
): Promise<Item[] | null | undefined> {
  const items: Item[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await read(ctx, call, (abortSignal) => pages.send(token, abortSignal));
    if (page === null && token === undefined && pages.nullWhenAbsent) return null;
    if (!page) return undefined;
    items.push(...(pages.items(page) ?? []));
    const next = pages.nextToken(page) || undefined;
    if (next === undefined || seen.has(next)) {
      if (!pages.truncated?.when(page)) return items;
      ctx.errors.push(callError(call, 'Other', pages.truncated.message));
      return undefined;
    }
    seen.add(next);
    token = next;
  }
}

/** Regions read at once by `readEveryRegion`; each region may make its own bounded per-resource calls. */
export const REGION_CONCURRENCY = 4;
/** Per-resource calls at once: within one region, or across all of S3's buckets. */
export const RESOURCE_CONCURRENCY = 6;
/**
 * Regions read at once by a collector that makes one call at a time within a region (EC2): one call in
 * flight per region, so as many regions as per-resource calls.
 */
export const SERIAL_REGION_CONCURRENCY = RESOURCE_CONCURRENCY;

/**
 * Reads every region, `REGION_CONCURRENCY` at a time: all their items in region order, leaving out a
 * region that could not be read (its errors recorded); `undefined` when not one region could be read,
 * so the service counts as unread rather than empty.
 */
export async function readEveryRegion<Item>(
  ctx: AwsCollectContext,
  readRegion: (region: string) => Promise<readonly Item[] | undefined>,
): Promise<Item[] | undefined> {
  const perRegion = await mapLimit(ctx.regions, REGION_CONCURRENCY, (region) => readRegion(region));
  if (perRegion.every((items) => items === undefined)) return undefined;
  return perRegion.flatMap((items) => items ?? []);
}

/** One client per region, made on first use; `destroy` ends every one made. */
export class RegionalClients<Client extends { destroy(): void }> {
  private readonly byRegion = new Map<string, Client>();

  constructor(private readonly create: (region: string) => Client) {}

  for(region: string): Client {
    let client = this.byRegion.get(region);
    if (!client) {
      client = this.create(region);
      this.byRegion.set(region, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.byRegion.values()) client.destroy();
  }
}

/** Waits `ms`, or stops the collection when it is cancelled meanwhile. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CollectionCancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CollectionCancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Tags as AWS lists them (`[{ Key, Value }]`) as a plain record; undefined when there are none. */
export function tagRecord(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined;
  return Object.fromEntries(tags.filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? '']));
}

/** One definition for both clouds' SDK dates. */
export { isoDate } from '../../util/dates.js';

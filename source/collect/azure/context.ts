// What every Azure collector shares: the subscription being read, the credential, one set of client
// options, and one way to make a read call that records its failure instead of throwing, so a check
// can say which call failed and which role or permission was missing. Built on it: the clients made
// from those options, every item of a list, how many per-resource calls run at once, a cancellable
// wait on a call that takes no signal, and reading what a service says in a failed reply.

import type { TokenCredential } from '@azure/core-auth';
import type { CommonClientOptions } from '@azure/core-client';
import type { CollectionError } from '../../model/snapshot.js';
import { mapLimit } from '../../util/collections.js';
import { classifyAzureError } from './errors.js';

export interface AzureCollectContext {
  tenantId: string;
  subscriptionId: string;
  credential: TokenCredential;
  /**
   * Options every client is built with: retries, and for sovereign clouds or a test server the
   * endpoint and TLS settings. ARM clients take `endpoint` from here; data-plane and Graph clients
   * take the rest.
   */
  clientOptions: CommonClientOptions & { endpoint?: string };
  /** Microsoft Graph, for Entra ID (Conditional Access, service principals). */
  graphEndpoint: string;
  /** Every failed call, in the order it failed; becomes the snapshot's `errors`. */
  errors: CollectionError[];
  signal?: AbortSignal;
}

export const ARM_ENDPOINT = 'https://management.azure.com';
export const GRAPH_ENDPOINT = 'https://graph.microsoft.com';

/** Bounded fan-out for per-resource calls (containers, keys, auditing policies). */
export const RESOURCE_CONCURRENCY = 6;

// ---- Clients ----

/** A Resource Manager client for the subscription being read, with the shared options. */
export function armClient<Client>(
  ctx: AzureCollectContext,
  Client: new (
    credential: TokenCredential,
    subscriptionId: string,
    options: AzureCollectContext['clientOptions'],
  ) => Client,
): Client {
  return new Client(ctx.credential, ctx.subscriptionId, ctx.clientOptions);
}

/**
 * The shared options for a client that does not call Resource Manager (a vault's data plane, Graph):
 * the retry and TLS settings, without the ARM endpoint, which would send it to Resource Manager.
 */
export function nonArmClientOptions(ctx: AzureCollectContext): CommonClientOptions {
  const { endpoint: _arm, ...shared } = ctx.clientOptions;
  return shared;
}

/** The subscription as a scope in a `/{scope}/...` path: without the leading slash (else `//subscriptions`). */
export function subscriptionScope(ctx: AzureCollectContext): string {
  return `subscriptions/${ctx.subscriptionId}`;
}

// ---- Read calls ----

export interface AzureReadCall {
  /** The resource provider (`Microsoft.Sql`) or `graph`: checks look errors up by it. */
  service: string;
  /** The SDK operation, e.g. `servers.list`, `keys.getKeyRotationPolicy`. */
  operation: string;
  /** The action or Graph permission it needs, named when it is denied and Azure does not say. */
  permission: string;
  region?: string;
  resourceId?: string;
  /**
   * HTTP statuses or error codes that mean "read, not configured": the call then gives `null`, and a
   * list none of its items.
   */
  absentWhen?: readonly (number | string)[];
}

export class AzureCollectionCancelled extends Error {
  constructor() {
    super('collection cancelled');
    this.name = 'AzureCollectionCancelled';
  }
}

/**
 * One read call: its result; `null` when Azure says the thing is not configured (`absentWhen`);
 * `undefined` when it failed, with the failure recorded in `ctx.errors`.
 */
export async function read<T>(
  ctx: AzureCollectContext,
  call: AzureReadCall,
  send: (abortSignal: AbortSignal | undefined) => Promise<T>,
): Promise<T | null | undefined> {
  if (ctx.signal?.aborted) throw new AzureCollectionCancelled();
  try {
    return await send(ctx.signal);
  } catch (error) {
    if (ctx.signal?.aborted) throw new AzureCollectionCancelled();
    const meaning = classifyAzureError(error);
    if (call.absentWhen?.some((a) => a === meaning.code || a === meaning.status)) return null;
    ctx.errors.push({
      service: call.service,
      operation: call.operation,
      kind: meaning.kind,
      message: meaning.message,
      ...(call.region ? { region: call.region } : {}),
      ...(call.resourceId ? { resourceId: call.resourceId } : {}),
      ...(meaning.kind === 'AccessDenied' ? { permission: meaning.action ?? call.permission } : {}),
    });
    return undefined;
  }
}

/**
 * Every item of a paged list (the SDKs follow `nextLink`): none when Azure says there is nothing of the
 * kind (`absentWhen`); `undefined` when any page failed, so a partial list never passes for a complete one.
 */
export async function listAll<T>(
  ctx: AzureCollectContext,
  call: AzureReadCall,
  list: (abortSignal: AbortSignal | undefined) => AsyncIterable<T>,
): Promise<T[] | undefined> {
  const items = await read(ctx, call, async (abortSignal) => {
    const all: T[] = [];
    for await (const item of list(abortSignal)) all.push(item);
    return all;
  });
  return items === null ? [] : items;
}

/**
 * Every item of a list the API answers in one reply, with no `nextLink` (diagnostic settings, Defender
 * pricings): none when Azure says there is nothing of the kind (`absentWhen`); `undefined` when it failed.
 */
export async function listOnePage<T>(
  ctx: AzureCollectContext,
  call: AzureReadCall,
  send: (abortSignal: AbortSignal | undefined) => Promise<{ value?: T[] }>,
): Promise<T[] | undefined> {
  const page = await read(ctx, call, send);
  return page === undefined ? undefined : (page?.value ?? []);
}

/** Reads each resource, `RESOURCE_CONCURRENCY` at a time; results in the resources' order. */
export function perResource<T, R>(
  resources: readonly T[],
  readOne: (resource: T) => Promise<R>,
): Promise<R[]> {
  return mapLimit(resources, RESOURCE_CONCURRENCY, (resource) => readOne(resource));
}

/** Waits for a call that does not take the abort signal, or stops waiting when the collection is cancelled. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

// ---- What Azure sends ----

/** A listed resource with the id and name every real one has (the SDKs' types leave both optional). */
export type Named<T> = T & { id: string; name: string };

/** The listed resources that have an id and a name. */
export function named<T extends { id?: string; name?: string }>(resources: readonly T[]): Named<T>[] {
  return resources.filter((r): r is Named<T> => Boolean(r.id && r.name));
}

/** Azure ids are case-insensitive; the resource group is the 5th segment. */
export function resourceGroupOf(id: string): string {
  return id.split('/')[4] ?? '';
}

/** A resource's tags, to spread into its record: no `tags` when it has none. */
export function tagsOf(tags: Record<string, string> | undefined): { tags?: Record<string, string> } {
  return tags && Object.keys(tags).length > 0 ? { tags: { ...tags } } : {};
}

/** One definition for both clouds' SDK dates. */
export { isoDate } from '../../util/dates.js';

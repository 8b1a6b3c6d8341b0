// What every Azure collector shares: the subscription being read, the credential, one set of client
// options, and one way to make a read call that records its failure instead of throwing, so a check
// can say which call failed and which role or permission was missing.

import type { TokenCredential } from '@azure/core-auth';
import type { CommonClientOptions } from '@azure/core-client';
import type { CollectionError } from '../../model/snapshot.js';
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

export interface AzureReadCall {
  /** The resource provider (`Microsoft.Sql`) or `graph`: checks look errors up by it. */
  service: string;
  /** The SDK operation, e.g. `servers.list`, `keys.getKeyRotationPolicy`. */
  operation: string;
  /** The action or Graph permission it needs, named when it is denied and Azure does not say. */
  permission: string;
  region?: string;
  resourceId?: string;
  /** HTTP statuses or error codes that mean "read, not configured": the call then gives `null`. */
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
 * Every item of a paged list (the SDKs follow `nextLink`); `undefined` when any page failed, so a
 * partial list never passes for a complete one.
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
  return items ?? undefined;
}

/** Azure ids are case-insensitive; the resource group is the 5th segment. */
export function resourceGroupOf(id: string): string {
  return id.split('/')[4] ?? '';
}

/** Azure tags as a plain record; undefined when there are none. */
export function tagsOf(tags: Record<string, string> | undefined): Record<string, string> | undefined {
  return tags && Object.keys(tags).length > 0 ? { ...tags } : undefined;
}

/** A date from the SDK (Date or string) as ISO 8601; undefined when absent or invalid. */
export function isoDate(value: Date | string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

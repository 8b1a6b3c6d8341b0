// What the Azure collector tests share: a local Azure per test answering as a fixture does (closed after
// each one), a context to collect into, snapshots for the checks, and the assertions every collector
// makes: only reads, a denied call recorded with its permission, a subscription left unjudged.

import { afterEach, expect } from 'vitest';
import type { AzureCollectContext } from '../../source/collect/azure/context.js';
import type { AzureSnapshot } from '../../source/model/azure-snapshot.js';
import type { CheckResult } from '../../source/model/check.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import { azureSnapshot } from '../fixtures/snapshots.js';
import {
  azureContext,
  azureWire,
  fakeCredential,
  SUBSCRIPTION,
  SUBSCRIPTION_ID,
  TENANT_ID,
  type AzureHandler,
  type AzureRequest,
  type AzureWire,
} from './azure-wire.js';

export { statusByResource } from './collect-harness.js';

export interface AzureCollected<T> {
  section: T;
  /** The failed calls the collector recorded. */
  errors: CollectionError[];
  /** Every request the local Azure received. */
  calls: AzureRequest[];
  /** The token scopes the collector asked its credential for. */
  scopes: string[];
}

/**
 * The local Azure for a test file, answering as `fixture` does: call once at its top level, and each
 * test's wire is closed after it (or when the test starts another). `override` answers first, and the
 * fixture whatever it leaves (returns undefined for); `collect` also runs `collector` on a fresh context.
 */
export function azureWirePerTest(fixture: AzureHandler) {
  let wire: AzureWire | undefined;
  const close = async () => {
    await wire?.close();
    wire = undefined;
  };
  afterEach(close);
  const start = async (override?: AzureHandler): Promise<AzureWire> => {
    await close();
    wire = await azureWire((request) => override?.(request) ?? fixture(request));
    return wire;
  };
  return {
    start,
    async collect<T>(
      collector: (ctx: AzureCollectContext) => Promise<T>,
      override?: AzureHandler,
      options: { signal?: AbortSignal } = {},
    ): Promise<AzureCollected<T>> {
      const started = await start(override);
      const errors: CollectionError[] = [];
      const credential = fakeCredential();
      const ctx = azureContext(started, errors, credential);
      const section = await collector(options.signal ? { ...ctx, signal: options.signal } : ctx);
      return { section, errors, calls: started.calls, scopes: credential.scopes };
    },
  };
}

/** A snapshot of the fixture subscription, for the checks to judge what was collected. */
export function wireSnapshot(parts: Partial<AzureSnapshot>): AzureSnapshot {
  return azureSnapshot({ subscriptionId: SUBSCRIPTION_ID, tenantId: TENANT_ID, ...parts });
}

/** Requests were made, and every one was a GET. */
export function expectOnlyGets(calls: readonly AzureRequest[]): void {
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual([]);
}

/** The one failure recorded is `call`, denied, naming the permission it lacked. */
export function expectDenied(
  errors: readonly CollectionError[],
  call: { service?: string; operation: string; permission: string; resourceId?: string },
): void {
  expect(errors).toEqual([expect.objectContaining({ ...call, kind: 'AccessDenied' })]);
}

/** The check could not judge the subscription: one UNKNOWN finding for it, its reason naming `missing`. */
export function expectUnjudged(results: readonly CheckResult[], missing: string): void {
  expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: SUBSCRIPTION }]);
  expect(results[0]?.reason).toContain(missing);
}

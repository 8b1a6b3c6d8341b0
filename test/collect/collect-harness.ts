// What the collector tests share: a local AWS per test (closed, with its environment unstubbed, after
// each one), a context to collect into, the "only reads" assertion, and check results by resource.

import { fromEnv } from '@aws-sdk/credential-providers';
import { afterEach, expect, vi } from 'vitest';
import { awsClientConfig, type AwsCollectContext } from '../../source/collect/aws/context.js';
import type { CheckResult } from '../../source/model/check.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import { awsWire, type AwsHandler, type AwsRequest, type AwsWire } from './aws-wire.js';

/** The account a test collects; the rest of the context is the same for every test. */
export type WireAccount = Pick<AwsCollectContext, 'accountId' | 'regions'> &
  Partial<Pick<AwsCollectContext, 'homeRegion' | 'signal'>>;

/**
 * A context that reads the local AWS with the keys `awsWire` puts in the environment; home region
 * us-east-1 unless the account says otherwise. Make it once the wire has started: the endpoint is read then.
 */
export function wireContext(account: WireAccount, errors: CollectionError[] = []): AwsCollectContext {
  return { homeRegion: 'us-east-1', ...account, clientConfig: awsClientConfig(fromEnv()), errors };
}

export interface Collected<T> {
  section: T;
  /** The failed calls the collector recorded. */
  errors: CollectionError[];
  /** Every request the local AWS received. */
  calls: AwsRequest[];
}

/**
 * The local AWS for a test file: call once at its top level, and each test's wire is closed after it.
 * `start` answers with `handler`; `collect` also runs `collector` for `account` with a fresh error list.
 */
export function wirePerTest() {
  let wire: AwsWire | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await wire?.close();
    wire = undefined;
  });
  const start = async (handler: AwsHandler): Promise<AwsWire> => (wire = await awsWire(handler));
  return {
    start,
    async collect<T>(
      handler: AwsHandler,
      account: WireAccount,
      collector: (ctx: AwsCollectContext) => Promise<T>,
    ): Promise<Collected<T>> {
      const { calls } = await start(handler);
      const errors: CollectionError[] = [];
      const section = await collector(wireContext(account, errors));
      return { section, errors, calls };
    },
  };
}

/** Calls were made, all to `service`, and every one reads: Get, List or Describe unless `reads` says. */
export function expectOnlyReads(
  calls: readonly AwsRequest[],
  service: string,
  reads: RegExp = /^(Get|List|Describe)/,
): void {
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    expect(call.service).toBe(service);
    expect(call.operation).toMatch(reads);
  }
}

/** Each finding's status, by the resource it is about. */
export function statusByResource(results: readonly CheckResult[]): Record<string, CheckResult['status']> {
  return Object.fromEntries(results.map((r) => [r.resourceId, r.status]));
}

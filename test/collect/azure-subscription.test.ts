import { describe, expect, it } from 'vitest';
import { collectAzure } from '../../source/collect/azure/collect-subscription.js';
import type { AzureSnapshot } from '../../source/model/azure-snapshot.js';
import { azureWirePerTest, expectOnlyGets } from './azure-harness.js';
import {
  answering,
  armError,
  azureContext,
  SUBSCRIPTION_ID,
  TENANT_ID,
  type AzureWire,
} from './azure-wire.js';
import { wholeTenant } from './fixtures/azure-subscription.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const CLI = { provider: 'azure', via: 'cli' } as const;

const { start } = azureWirePerTest(wholeTenant);

/** collectAzure pointed at the wire, with a test credential. */
function collectFrom(w: AzureWire, extra: { subscriptions?: string[]; signal?: AbortSignal } = {}) {
  const ctx = azureContext(w);
  return collectAzure(CLI, {
    now: () => NOW,
    clientOptions: ctx.clientOptions,
    credential: ctx.credential,
    graphEndpoint: w.url,
    ...extra,
  });
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('a live Azure tenant, read end to end on the wire', () => {
  it('reads each enabled subscription into a snapshot with every section, using only GET requests', async () => {
    const wire = await start();
    const snapshots = await all(collectFrom(wire));
    expect(snapshots).toHaveLength(1);
    const [snapshot] = snapshots as [AzureSnapshot];
    expect(snapshot).toMatchObject({
      provider: 'azure',
      source: 'live',
      tenantId: TENANT_ID,
      subscriptionId: SUBSCRIPTION_ID,
      subscriptionName: 'ledgerline-payments-prod',
      collectedAt: NOW.toISOString(),
    });
    for (const section of [
      'entra',
      'authorization',
      'sql',
      'network',
      'storage',
      'keyVault',
      'monitor',
      'policy',
      'defender',
    ] as const)
      expect(snapshot[section], section).toBeDefined();
    expect(snapshot.locations.length).toBeGreaterThan(0);
    expect(snapshot.errors.filter((e) => e.message.includes('no answer for'))).toEqual([]);
    expectOnlyGets(wire.calls);
  });

  it('reads only the subscriptions asked for, and says so when none of them is visible', async () => {
    const wire = await start();
    await expect(
      all(collectFrom(wire, { subscriptions: ['11111111-2222-3333-4444-555555555555'] })),
    ).rejects.toThrow(
      'no enabled subscription among 11111111-2222-3333-4444-555555555555 is visible to this identity',
    );
  });

  it('stops with the reason when the subscriptions cannot be listed', async () => {
    const wire = await start(
      answering(
        (request) => request.path === '/subscriptions',
        armError(401, 'InvalidAuthenticationToken', 'The access token has expired.'),
      ),
    );
    await expect(all(collectFrom(wire))).rejects.toThrow('Azure CLI login: ');
  });
});

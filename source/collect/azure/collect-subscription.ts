// Azure, read end to end: the subscriptions a credential reaches, then each subscription's services at
// once into its own snapshot. Entra ID belongs to the tenant, so it is read once per tenant and shared
// by that tenant's snapshots (findings are merged by resource, so it is reported once).

import { setMaxListeners } from 'node:events';
import type { TokenCredential } from '@azure/core-auth';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { AzureEntra, AzureSnapshot } from '../../model/azure-snapshot.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../../model/snapshot.js';
import { CollectError } from '../../util/errors.js';
import { tracked, type ServiceProgress } from '../progress.js';
import { collectAuthorization } from './authorization.js';
import type { AzureCollectContext } from './context.js';
import { azureCredentialFor, azureEndpoints, type AzureTarget } from './credentials.js';
import { collectEntra } from './entra.js';
import { classifyAzureError } from './errors.js';
import { collectDefender, collectMonitor, collectPolicy } from './governance.js';
import { collectKeyVault } from './keyvault.js';
import { collectNetwork } from './network.js';
import { collectSql } from './sql.js';
import { collectStorage } from './storage.js';

export interface AzureCollectOptions {
  now: () => Date;
  signal?: AbortSignal;
  onService?: ServiceProgress;
  /** Called as each subscription starts, with its name. */
  onSubscription?: (name: string) => void;
  /** Subscription ids to read; empty or absent means every enabled one the credential reaches. */
  subscriptions?: readonly string[];
  /** Client options for every call (tests point them at a local server). */
  clientOptions?: AzureCollectContext['clientOptions'];
  /** A credential to use instead of the target's (tests). */
  credential?: TokenCredential;
  /** Microsoft Graph's base URL, when not the environment's or the public cloud's (tests). */
  graphEndpoint?: string;
}

interface SubscriptionRef {
  id: string;
  name?: string;
  tenantId: string;
}

/** Every enabled subscription the credential reaches, one snapshot each, as each finishes. */
export async function* collectAzure(
  target: AzureTarget,
  options: AzureCollectOptions,
): AsyncGenerator<AzureSnapshot> {
  if (options.signal) setMaxListeners(0, options.signal);
  const credential = options.credential ?? azureCredentialFor(target);
  const endpoints = azureEndpoints();
  const clientOptions = options.clientOptions ?? { endpoint: endpoints.arm };
  const subscriptions = await listSubscriptions(target, credential, clientOptions, options);
  const entraByTenant = new Map<string, Promise<TenantRead>>();
  for (const sub of subscriptions) {
    if (options.signal?.aborted) return;
    const base = {
      tenantId: sub.tenantId,
      subscriptionId: sub.id,
      credential,
      clientOptions,
      graphEndpoint: options.graphEndpoint ?? endpoints.graph,
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const tenant = entraByTenant.get(sub.tenantId) ?? readTenant({ ...base, errors: [] });
    entraByTenant.set(sub.tenantId, tenant);
    options.onSubscription?.(sub.name ?? sub.id);
    yield await collectSubscription({ ...base, errors: [] }, sub, tenant, options.now, options.onService);
  }
}

type TenantRead = { entra?: AzureEntra; errors: AzureSnapshot['errors'] };

/** Entra ID with its own error list, so each of the tenant's snapshots can carry both. */
async function readTenant(ctx: AzureCollectContext): Promise<TenantRead> {
  const entra = await collectEntra(ctx);
  return { ...(entra ? { entra } : {}), errors: ctx.errors };
}

async function collectSubscription(
  ctx: AzureCollectContext,
  sub: SubscriptionRef,
  tenant: Promise<TenantRead>,
  now: () => Date,
  report: ServiceProgress | undefined,
): Promise<AzureSnapshot> {
  const [storage, keyVault, sql, network, authorization, policy, monitor, defender, entra] =
    await Promise.all([
      tracked(report, 'storage', () => collectStorage(ctx)),
      tracked(report, 'keyvault', () => collectKeyVault(ctx)),
      tracked(report, 'sql', () => collectSql(ctx)),
      tracked(report, 'network', () => collectNetwork(ctx)),
      tracked(report, 'authorization', () => collectAuthorization(ctx)),
      tracked(report, 'policy', () => collectPolicy(ctx)),
      tracked(report, 'monitor', () => collectMonitor(ctx)),
      tracked(report, 'defender', () => collectDefender(ctx)),
      tracked(report, 'entra', () => tenant),
    ]);
  const located = [
    ...(storage?.accounts ?? []),
    ...(keyVault?.vaults ?? []),
    ...(sql?.servers ?? []),
    ...(network?.networkSecurityGroups ?? []),
    ...(monitor?.logAnalyticsWorkspaces ?? []),
  ];
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    provider: 'azure',
    source: 'live',
    collectedAt: now().toISOString(),
    // The tenant's Graph errors go with every snapshot of the tenant, as its Entra data does.
    errors: [...entra.errors, ...ctx.errors],
    tenantId: sub.tenantId,
    subscriptionId: sub.id,
    ...(sub.name ? { subscriptionName: sub.name } : {}),
    locations: [...new Set(located.map((r) => r.location.toLowerCase()))].sort(),
    ...(entra.entra ? { entra: entra.entra } : {}),
    ...(authorization ? { authorization } : {}),
    ...(sql ? { sql } : {}),
    ...(network ? { network } : {}),
    ...(storage ? { storage } : {}),
    ...(keyVault ? { keyVault } : {}),
    ...(monitor ? { monitor } : {}),
    ...(policy ? { policy } : {}),
    ...(defender ? { defender } : {}),
  };
}

/** Without a subscription nothing can be read: a failure here ends this credential's scan with the reason. */
async function listSubscriptions(
  target: AzureTarget,
  credential: TokenCredential,
  clientOptions: AzureCollectContext['clientOptions'],
  options: AzureCollectOptions,
): Promise<SubscriptionRef[]> {
  const client = new SubscriptionClient(credential, clientOptions);
  const found: SubscriptionRef[] = [];
  try {
    for await (const sub of client.subscriptions.list(
      options.signal ? { abortSignal: options.signal } : {},
    )) {
      if (!sub.subscriptionId || !sub.tenantId || sub.state !== 'Enabled') continue;
      if (options.subscriptions?.length && !options.subscriptions.includes(sub.subscriptionId)) continue;
      found.push({
        id: sub.subscriptionId,
        tenantId: sub.tenantId,
        ...(sub.displayName ? { name: sub.displayName } : {}),
      });
    }
  } catch (error) {
    throw new CollectError(`${describeAzureTarget(target)}: ${classifyAzureError(error).message}`);
  }
  if (found.length === 0)
    throw new CollectError(
      `${describeAzureTarget(target)}: no enabled subscription${options.subscriptions?.length ? ` among ${options.subscriptions.join(', ')}` : ''} is visible to this identity (it needs the Reader role on each).`,
    );
  return found;
}

export function describeAzureTarget(target: AzureTarget): string {
  switch (target.via) {
    case 'cli':
      return 'Azure CLI login';
    case 'environment':
      return 'Azure service principal in the environment';
    case 'managed-identity':
      return 'Azure managed identity';
    case 'default':
      return 'Azure default credentials';
  }
}

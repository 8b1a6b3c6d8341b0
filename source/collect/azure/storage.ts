// Azure Storage: every account of the subscription with its encryption and access settings, and its
// blob containers with their time-based retention (WORM) policy and legal hold. Read calls only.

import {
  StorageManagementClient,
  type ImmutabilityPolicyProperties,
  type ListContainerItem,
  type StorageAccount as ArmStorageAccount,
} from '@azure/arm-storage';
import type { BlobContainer, StorageAccount } from '../../model/azure-snapshot.js';
import {
  armClient,
  listAll,
  named,
  perResource,
  read,
  resourceGroupOf,
  tagsOf,
  type AzureCollectContext,
  type Named,
} from './context.js';

const SERVICE = 'Microsoft.Storage';

const TLS_VERSIONS = ['TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'] as const;

type Listed = Named<ArmStorageAccount>;
type Immutability = BlobContainer['immutabilityPolicy'];

export async function collectStorage(
  ctx: AzureCollectContext,
): Promise<{ accounts: StorageAccount[] } | undefined> {
  const client = armClient(ctx, StorageManagementClient);
  const accounts = await listAll(
    ctx,
    {
      service: SERVICE,
      operation: 'storageAccounts.list',
      permission: 'Microsoft.Storage/storageAccounts/read',
    },
    (abortSignal) => client.storageAccounts.list({ abortSignal }),
  );
  if (!accounts) return undefined;
  return {
    accounts: await perResource(named(accounts), async (account) => {
      const containers = await collectContainers(ctx, client, account);
      return { ...accountOf(account), ...(containers ? { containers } : {}) };
    }),
  };
}

/** The account's settings as the checks read them; "not set" takes the meaning Azure gives it. */
function accountOf(account: Listed): StorageAccount {
  const tls = TLS_VERSIONS.find((v) => v === account.minimumTlsVersion);
  return {
    id: account.id,
    name: account.name,
    location: account.location,
    ...tagsOf(account.tags),
    // Every account is encrypted; without a key vault key it is with Microsoft's keys.
    keySource:
      account.encryption?.keySource?.toLowerCase() === 'microsoft.keyvault'
        ? 'Microsoft.Keyvault'
        : 'Microsoft.Storage',
    requireInfrastructureEncryption: account.encryption?.requireInfrastructureEncryption === true,
    // Azure has defaulted secure transfer to on since API version 2019-04-01; only an explicit false turns it off.
    enableHttpsTrafficOnly: account.enableHttpsTrafficOnly !== false,
    ...(typeof account.allowSharedKeyAccess === 'boolean'
      ? { allowSharedKeyAccess: account.allowSharedKeyAccess }
      : {}),
    // Accounts created before anonymous access was off by default leave it unset, which allows it.
    allowBlobPublicAccess: account.allowBlobPublicAccess !== false,
    ...(tls ? { minimumTlsVersion: tls } : {}),
  };
}

/**
 * Every blob container with its retention policy; `undefined` (the failure recorded against the
 * account or the container) when the list or a policy could not be read, so a partial list never
 * passes for a complete one.
 */
async function collectContainers(
  ctx: AzureCollectContext,
  client: StorageManagementClient,
  account: Listed,
): Promise<BlobContainer[] | undefined> {
  const group = resourceGroupOf(account.id);
  const items = await listAll(
    ctx,
    {
      service: SERVICE,
      operation: 'blobContainers.list',
      permission: 'Microsoft.Storage/storageAccounts/blobServices/containers/read',
      region: account.location,
      resourceId: account.id,
    },
    (abortSignal) => client.blobContainers.list(group, account.name, { abortSignal }),
  );
  if (!items) return undefined;
  const listed = items.filter((c): c is ListContainerItem & { name: string } => Boolean(c.name));
  const containers: BlobContainer[] = [];
  // Policies are read one after another: only containers flagged with one need a read, and the
  // accounts themselves are already read in parallel.
  for (const item of listed) {
    const policy = await immutabilityOf(ctx, client, account, item);
    if (policy === undefined) return undefined;
    containers.push({
      name: item.name,
      immutabilityPolicy: policy,
      hasLegalHold: item.hasLegalHold === true,
    });
  }
  return containers;
}

/**
 * The container's time-based retention policy: from the list when it carries one, `null` when Azure
 * says the container has none, else read on its own. `undefined` when that read failed.
 */
async function immutabilityOf(
  ctx: AzureCollectContext,
  client: StorageManagementClient,
  account: Listed,
  item: ListContainerItem & { name: string },
): Promise<Immutability | undefined> {
  const listed = policyOf(item.immutabilityPolicy);
  if (listed) return listed;
  if (item.hasImmutabilityPolicy === false) return null;
  const policy = await read(
    ctx,
    {
      service: SERVICE,
      operation: 'blobContainers.getImmutabilityPolicy',
      permission: 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/read',
      region: account.location,
      resourceId: item.id ?? `${account.id}/blobServices/default/containers/${item.name}`,
      // The container went away between the list and this read: it has no policy to speak of.
      absentWhen: [404],
    },
    (abortSignal) =>
      client.blobContainers.getImmutabilityPolicy(resourceGroupOf(account.id), account.name, item.name, {
        abortSignal,
      }),
  );
  if (policy === undefined) return undefined;
  return policyOf(policy);
}

/**
 * A policy Locked or Unlocked, with its period; `null` for anything else. Azure answers the read of a
 * container that never had a policy (or whose policy was deleted) with 200 and state `Deleted`, period 0.
 */
function policyOf(
  policy:
    Pick<ImmutabilityPolicyProperties, 'state' | 'immutabilityPeriodSinceCreationInDays'> | null | undefined,
): Immutability {
  const state = policy?.state;
  if (state !== 'Locked' && state !== 'Unlocked') return null;
  return { state, periodDays: policy?.immutabilityPeriodSinceCreationInDays ?? 0 };
}

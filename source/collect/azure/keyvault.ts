// Azure Key Vault: every vault of the subscription with its soft-delete and purge-protection settings
// (Resource Manager), and each vault's keys with their rotation policy (the vault's own data plane,
// which the scanning identity often may not read). Read calls only; no key material is fetched.

import { KeyVaultManagementClient, type Vault } from '@azure/arm-keyvault';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { KeyClient, type KeyClientOptions, type KeyRotationPolicy } from '@azure/keyvault-keys';
import type { KeyVault, KeyVaultKey } from '../../model/azure-snapshot.js';
import {
  ARM_ENDPOINT,
  armClient,
  listAll,
  named,
  nonArmClientOptions,
  perResource,
  read,
  untilAborted,
  type AzureCollectContext,
  type Named,
} from './context.js';
import { parseJson, serviceErrorOf } from './errors.js';

const SERVICE = 'Microsoft.KeyVault';

type Listed = Named<Vault>;
type RotationPolicy = KeyVaultKey['rotationPolicy'];

export async function collectKeyVault(ctx: AzureCollectContext): Promise<{ vaults: KeyVault[] } | undefined> {
  const client = armClient(ctx, KeyVaultManagementClient);
  const vaults = await listAll(
    ctx,
    {
      service: SERVICE,
      operation: 'vaults.listBySubscription',
      permission: 'Microsoft.KeyVault/vaults/read',
    },
    (abortSignal) => client.vaults.listBySubscription({ abortSignal }),
  );
  if (!vaults) return undefined;
  return {
    vaults: await perResource(named(vaults), async (vault) => {
      const keys = vault.properties.vaultUri
        ? await collectKeys(ctx, vault, vault.properties.vaultUri)
        : undefined;
      return {
        id: vault.id,
        name: vault.name,
        location: vault.location ?? '',
        // Vaults from before soft delete existed leave it unset, and have it off.
        enableSoftDelete: vault.properties.enableSoftDelete === true,
        enablePurgeProtection: vault.properties.enablePurgeProtection === true,
        ...(keys ? { keys } : {}),
      };
    }),
  };
}

/**
 * The data-plane client of one vault. It takes the shared retry and TLS settings but not the ARM
 * endpoint, which would send it to Resource Manager instead of the vault.
 */
function keyClientFor(ctx: AzureCollectContext, vaultUri: string, messages: PipelinePolicy): KeyClient {
  const shared = nonArmClientOptions(ctx);
  const options: KeyClientOptions = {
    ...shared,
    additionalPolicies: [...(shared.additionalPolicies ?? []), { policy: messages, position: 'perCall' }],
    // The SDK refuses a token challenge whose resource is not the vault's parent domain. Public Azure
    // vaults always pass; another ARM endpoint (a sovereign cloud, a test server) may serve vaults on
    // hosts the check does not know. The vault URI comes from Resource Manager either way.
    disableChallengeResourceVerification: isCustomArm(ctx.clientOptions.endpoint),
  };
  return new KeyClient(vaultUri, ctx.credential, options);
}

function isCustomArm(endpoint: string | undefined): boolean {
  return endpoint !== undefined && endpoint.replace(/\/+$/, '') !== ARM_ENDPOINT;
}

/** The vault's keys with their rotation policies; `undefined` when the list was denied or failed. */
async function collectKeys(
  ctx: AzureCollectContext,
  vault: Listed,
  vaultUri: string,
): Promise<KeyVaultKey[] | undefined> {
  const messages = serviceMessages();
  const client = keyClientFor(ctx, vaultUri, messages.policy);
  const listed = await listAll(
    ctx,
    {
      service: SERVICE,
      operation: 'keys.list',
      permission: 'Microsoft.KeyVault/vaults/keys/read',
      region: vault.location,
      resourceId: vault.id,
    },
    (abortSignal) => explained(client.listPropertiesOfKeys({ abortSignal }), messages.explain),
  );
  if (!listed) return undefined;
  // Keys behind certificates (`managed`) rotate with their certificate and take no rotation policy.
  const keys = listed.filter((k): k is typeof k & { id: string } => Boolean(k.id) && k.managed !== true);
  return perResource(keys, async (key) => {
    const rotationPolicy = await readRotationPolicy(ctx, client, vault, key);
    return {
      id: key.id,
      name: key.name,
      // Key Vault always sends it; a key of unknown state is assessed rather than skipped.
      enabled: key.enabled !== false,
      ...(rotationPolicy !== undefined ? { rotationPolicy } : {}),
    };
  });
}

async function readRotationPolicy(
  ctx: AzureCollectContext,
  client: KeyClient,
  vault: Listed,
  key: { id: string; name: string },
): Promise<RotationPolicy> {
  const policy = await read(
    ctx,
    {
      service: SERVICE,
      operation: 'keys.getKeyRotationPolicy',
      permission: 'Microsoft.KeyVault/vaults/keyrotationpolicies/read',
      region: vault.location,
      resourceId: key.id,
      // The key was deleted between the list and this read: there is no policy.
      absentWhen: [404],
    },
    // getKeyRotationPolicy does not pass its options on, abort signal included.
    (abortSignal) => untilAborted(client.getKeyRotationPolicy(key.name), abortSignal),
  );
  if (policy === undefined) return undefined;
  return rotationPolicyOf(policy);
}

/**
 * What a policy does. Key Vault answers every key, even one never given a policy: then with its default
 * (no id, a notification 30 days before expiry), which is "no policy" here.
 */
export function rotationPolicyOf(policy: KeyRotationPolicy | null): RotationPolicy {
  const actions = policy?.lifetimeActions ?? [];
  if (!policy?.id || (actions.length === 0 && !policy.expiresIn)) return null;
  const rotate = actions.find((a) => a.action === 'Rotate');
  const rotateAfterDays = rotate?.timeAfterCreate ? isoDurationDays(rotate.timeAfterCreate) : undefined;
  const expiresAfterDays = policy.expiresIn ? isoDurationDays(policy.expiresIn) : undefined;
  return {
    autoRotate: rotate !== undefined,
    ...(rotateAfterDays !== undefined ? { rotateAfterDays } : {}),
    ...(expiresAfterDays !== undefined ? { expiresAfterDays } : {}),
  };
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/**
 * An ISO 8601 duration in whole days, months as 30 and years as 365 (`P90D` 90, `P3M` 90, `P1Y` 365):
 * close enough to judge "at least yearly". `undefined` when it is not a duration.
 */
export function isoDurationDays(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || !match.slice(1).some((part) => part !== undefined) || /T$/i.test(text.trim()))
    return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((p) => Number(p ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const total = years * 365 + months * 30 + weeks * 7 + days + (hours + (minutes + seconds / 60) / 60) / 24;
  return Math.round(total);
}

/**
 * The paged key list reports a refusal as "Pagination failed with unexpected statusCode 403", dropping
 * Key Vault's own words, which tell an RBAC or access-policy refusal from the vault's firewall. This
 * policy keeps the last error message the vault sent so the failure can carry it.
 */
function serviceMessages(): { policy: PipelinePolicy; explain: (error: unknown) => unknown } {
  let last: string | undefined;
  return {
    policy: {
      name: 'keepKeyVaultErrorMessage',
      async sendRequest(request, next) {
        const response = await next(request);
        if (response.status >= 400) last = serviceErrorOf(parseJson(response.bodyAsText)).message;
        return response;
      },
    },
    explain(error) {
      if (last && error instanceof Error && error.message.startsWith('Pagination failed'))
        error.message = last;
      return error;
    },
  };
}

async function* explained<T>(
  items: AsyncIterable<T>,
  explain: (error: unknown) => unknown,
): AsyncIterable<T> {
  try {
    yield* items;
  } catch (error) {
    throw explain(error);
  }
}

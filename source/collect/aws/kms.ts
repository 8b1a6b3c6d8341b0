// KMS: every key in every collected region, what kind it is, its aliases, and whether it rotates.
// Only customer-managed symmetric keys with KMS-generated material can rotate automatically, so only
// theirs is asked for; AWS rotates its own keys and the rest cannot rotate at all.

import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import type { KmsKey } from '../../model/aws-snapshot.js';
import { isoDate, mapLimit, read, type AwsCollectContext, type ReadCall } from './context.js';

/** Regions read at once; each runs its own bounded per-key calls. */
export const REGION_CONCURRENCY = 4;
/** Per-resource calls at once within a region. */
export const RESOURCE_CONCURRENCY = 6;

/**
 * Reads every page of a list call. A page that fails (already recorded by `read`) makes the whole list
 * unreadable: a partial list would let checks pass on resources they never saw.
 * Candidate for context.ts: the logs collector uses it too.
 */
export async function readAllPages<Page, Item>(
  ctx: AwsCollectContext,
  call: ReadCall,
  send: (token: string | undefined, abortSignal: AbortSignal | undefined) => Promise<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
  nextTokenOf: (page: Page) => string | undefined,
): Promise<Item[] | undefined> {
  const items: Item[] = [];
  let token: string | undefined;
  do {
    const page = await read(ctx, call, (abortSignal) => send(token, abortSignal));
    if (!page) return undefined;
    items.push(...(itemsOf(page) ?? []));
    const next = nextTokenOf(page);
    // A token that does not move on would loop for ever.
    token = next && next !== token ? next : undefined;
  } while (token);
  return items;
}

export async function collectKms(ctx: AwsCollectContext): Promise<{ keys: KmsKey[] } | undefined> {
  const perRegion = await mapLimit(ctx.regions, REGION_CONCURRENCY, (region) => collectRegion(ctx, region));
  // Every region's ListKeys failed: KMS was not read at all.
  if (perRegion.every((keys) => keys === undefined)) return undefined;
  return { keys: perRegion.flatMap((keys) => keys ?? []) };
}

async function collectRegion(ctx: AwsCollectContext, region: string): Promise<KmsKey[] | undefined> {
  const client = new KMSClient(ctx.clientConfig(region));
  try {
    const listed = await readAllPages(
      ctx,
      { service: 'kms', operation: 'ListKeys', permission: 'kms:ListKeys', region },
      (Marker, abortSignal) => client.send(new ListKeysCommand({ Limit: 1000, Marker }), { abortSignal }),
      (page) => page.Keys,
      (page) => (page.Truncated ? page.NextMarker : undefined),
    );
    if (!listed) return undefined;
    if (listed.length === 0) return [];
    const aliases = await aliasesByKey(ctx, client, region);
    const keys = await mapLimit(listed, RESOURCE_CONCURRENCY, (entry) =>
      entry.KeyId
        ? readKey(ctx, client, region, entry.KeyId, entry.KeyArn, aliases)
        : Promise.resolve(undefined),
    );
    return keys.filter((key): key is KmsKey => key !== undefined);
  } finally {
    client.destroy();
  }
}

/** Alias names per target key id; `undefined` when ListAliases failed, so keys' aliases stay unknown. */
async function aliasesByKey(
  ctx: AwsCollectContext,
  client: KMSClient,
  region: string,
): Promise<Map<string, string[]> | undefined> {
  const aliases = await readAllPages(
    ctx,
    { service: 'kms', operation: 'ListAliases', permission: 'kms:ListAliases', region },
    (Marker, abortSignal) => client.send(new ListAliasesCommand({ Limit: 100, Marker }), { abortSignal }),
    (page) => page.Aliases,
    (page) => (page.Truncated ? page.NextMarker : undefined),
  );
  if (!aliases) return undefined;
  const byKey = new Map<string, string[]>();
  // AWS lists predefined aliases (alias/aws/...) with no target until the service first uses them.
  for (const { AliasName, TargetKeyId } of aliases)
    if (AliasName && TargetKeyId) byKey.set(TargetKeyId, [...(byKey.get(TargetKeyId) ?? []), AliasName]);
  return byKey;
}

async function readKey(
  ctx: AwsCollectContext,
  client: KMSClient,
  region: string,
  keyId: string,
  listedArn: string | undefined,
  aliases: Map<string, string[]> | undefined,
): Promise<KmsKey | undefined> {
  const arn = listedArn ?? `arn:aws:kms:${region}:${ctx.accountId}:key/${keyId}`;
  const described = await read(
    ctx,
    {
      service: 'kms',
      operation: 'DescribeKey',
      permission: 'kms:DescribeKey',
      region,
      resourceId: arn,
      // Deleted since ListKeys: nothing left to assess.
      absentWhen: ['NotFoundException'],
    },
    (abortSignal) => client.send(new DescribeKeyCommand({ KeyId: keyId }), { abortSignal }),
  );
  const metadata = described?.KeyMetadata;
  // Without the metadata we cannot tell a customer key from an AWS one; the error is recorded.
  if (!metadata) return undefined;
  const key = keyFromMetadata(metadata, region, keyId, arn, aliases);
  if (!canRotate(key)) return key;
  const rotation = await readRotation(ctx, client, key);
  if (rotation === null) return undefined;
  return { ...key, ...rotation };
}

function keyFromMetadata(
  metadata: KeyMetadata,
  region: string,
  keyId: string,
  arn: string,
  aliases: Map<string, string[]> | undefined,
): KmsKey {
  const creationDate = isoDate(metadata.CreationDate);
  return {
    keyId: metadata.KeyId ?? keyId,
    arn: metadata.Arn ?? arn,
    region,
    keyManager: metadata.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
    keyState: (metadata.KeyState ?? 'Unavailable') as KmsKey['keyState'],
    // CustomerMasterKeySpec is the deprecated name of the same value.
    keySpec: metadata.KeySpec ?? metadata.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT',
    origin: (metadata.Origin ?? 'AWS_KMS') as KmsKey['origin'],
    ...(creationDate ? { creationDate } : {}),
    ...(metadata.Description ? { description: metadata.Description } : {}),
    ...(aliases ? { aliases: aliases.get(metadata.KeyId ?? keyId) ?? [] } : {}),
  };
}

/** Automatic rotation exists only for enabled, symmetric, customer-managed keys KMS made the material of. */
function canRotate(key: KmsKey): boolean {
  return (
    key.keyManager === 'CUSTOMER' &&
    key.keyState === 'Enabled' &&
    key.keySpec === 'SYMMETRIC_DEFAULT' &&
    key.origin === 'AWS_KMS'
  );
}

/** The rotation fields; `{}` when unreadable (recorded), `null` when the key was deleted meanwhile. */
async function readRotation(
  ctx: AwsCollectContext,
  client: KMSClient,
  key: KmsKey,
): Promise<Pick<KmsKey, 'rotationEnabled' | 'rotationPeriodInDays'> | null> {
  const status = await read(
    ctx,
    {
      service: 'kms',
      operation: 'GetKeyRotationStatus',
      permission: 'kms:GetKeyRotationStatus',
      region: key.region,
      resourceId: key.arn,
      absentWhen: ['NotFoundException'],
    },
    (abortSignal) => client.send(new GetKeyRotationStatusCommand({ KeyId: key.arn }), { abortSignal }),
  );
  if (status === null) return null;
  if (status?.KeyRotationEnabled === undefined) return {};
  return {
    rotationEnabled: status.KeyRotationEnabled,
    ...(status.KeyRotationEnabled && status.RotationPeriodInDays !== undefined
      ? { rotationPeriodInDays: status.RotationPeriodInDays }
      : {}),
  };
}

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
import { mapLimit } from '../../util/collections.js';
import {
  isoDate,
  read,
  readAllPages,
  readEveryRegion,
  RESOURCE_CONCURRENCY,
  type AwsCollectContext,
} from './context.js';

export async function collectKms(ctx: AwsCollectContext): Promise<{ keys: KmsKey[] } | undefined> {
  // Undefined when every region's ListKeys failed: KMS was not read at all.
  const keys = await readEveryRegion(ctx, (region) => collectRegion(ctx, region));
  return keys ? { keys } : undefined;
}

async function collectRegion(ctx: AwsCollectContext, region: string): Promise<KmsKey[] | undefined> {
  const client = new KMSClient(ctx.clientConfig(region));
  try {
    const listed = await readAllPages(
      ctx,
      { service: 'kms', operation: 'ListKeys', permission: 'kms:ListKeys', region },
      {
        send: (Marker, abortSignal) =>
          client.send(new ListKeysCommand({ Limit: 1000, Marker }), { abortSignal }),
        items: (page) => page.Keys,
        nextToken: (page) => (page.Truncated ? page.NextMarker : undefined),
      },
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
    {
      send: (Marker, abortSignal) =>
        client.send(new ListAliasesCommand({ Limit: 100, Marker }), { abortSignal }),
      items: (page) => page.Aliases,
      nextToken: (page) => (page.Truncated ? page.NextMarker : undefined),
    },
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

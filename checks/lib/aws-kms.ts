// Finding the KMS key another resource names (S3 default encryption names it by id, ARN or alias), and
// the call that reads whether a key rotates.

import type { KmsKey } from '../../source/model/aws-snapshot.js';
import type { ErrorQuery } from './results.js';

/** How a resource names a key: key id, key ARN, alias name or alias ARN (AWS accepts all four). */
export interface KeyRef {
  kind: 'key' | 'alias';
  name: string;
  region: string;
  /** Only known when the reference is an ARN. */
  account?: string;
}

/** Reads a key reference; a bare id or alias name means a key in `defaultRegion` (the resource's own). */
export function parseKeyRef(ref: string, defaultRegion: string): KeyRef {
  const arn = /^arn:aws[a-z-]*:kms:([^:]+):(\d{12}):(key|alias)\/(.+)$/.exec(ref);
  if (arn) {
    const [, region = '', account, kind, name = ''] = arn;
    return { region, account, kind: kind === 'alias' ? 'alias' : 'key', name };
  }
  if (ref.startsWith('alias/'))
    return { kind: 'alias', name: ref.slice('alias/'.length), region: defaultRegion };
  return { kind: 'key', name: ref, region: defaultRegion };
}

function accountOf(key: KmsKey): string | undefined {
  return key.arn.split(':')[4];
}

/** The KMS key a bucket's encryption names, among the keys read from the account. */
export function findBucketKey(
  keys: readonly KmsKey[],
  kmsKeyId: string,
  bucketRegion: string,
): KmsKey | undefined {
  const ref = parseKeyRef(kmsKeyId, bucketRegion);
  return keys.find(
    (key) =>
      key.region === ref.region &&
      (ref.account === undefined || accountOf(key) === ref.account) &&
      (ref.kind === 'key'
        ? key.keyId === ref.name
        : (key.aliases ?? []).some(
            (a) => a === `alias/${ref.name}` || a === ref.name || a.endsWith(`:alias/${ref.name}`),
          )),
  );
}

/** S3's own AWS-managed key: no kmsKeyId at all, or the aws/s3 alias. */
export function namesAwsManagedS3Key(kmsKeyId: string | undefined): boolean {
  return kmsKeyId === undefined || /(^|:)alias\/aws\/s3$/.test(kmsKeyId);
}

/** The failed call to look for when a key's rotation status is missing. */
export function rotationStatusQuery(key: KmsKey): ErrorQuery & { resourceId: string } {
  return { service: 'kms', operation: 'GetKeyRotationStatus', region: key.region, resourceId: key.arn };
}

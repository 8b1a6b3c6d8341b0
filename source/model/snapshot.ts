// A snapshot is the evidence: what was read from one AWS account or one Azure subscription, and when.
// It is plain JSON so a run can be re-evaluated offline and shown to an auditor.
//
// Conventions every collector and check relies on:
// - A service section that is absent was not read at all; checks report UNKNOWN for it.
// - A field that is `undefined` could not be read; `null` means it was read and is not configured.
// - Every call that failed is listed in `errors`, with the region and resource where it has one,
//   so a check can say why it could not assess instead of guessing.

import type { AwsSnapshot } from './aws-snapshot.js';
import type { AzureSnapshot } from './azure-snapshot.js';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export type Provider = 'aws' | 'azure';

/** Where a snapshot came from: the embedded demo estate, a live read-only collection, or a test fixture. */
export type SnapshotSource = 'demo' | 'live' | 'fixture';

export type CollectionErrorKind =
  'AccessDenied' | 'Throttled' | 'NotEnabled' | 'NotFound' | 'InvalidCredentials' | 'Network' | 'Other';

export interface CollectionError {
  /** The service as the provider names it: AWS `iam`, `s3`; Azure the ARM namespace (`Microsoft.Sql`) or `graph`. */
  service: string;
  /** API operation that failed, e.g. `GetBucketEncryption`, `servers.list`. */
  operation: string;
  kind: CollectionErrorKind;
  /** The provider's own message, trimmed; never contains credentials. */
  message: string;
  region?: string;
  /** ARN or Azure resource id when the call was about one resource. */
  resourceId?: string;
  /** For AccessDenied: the permission that was missing, e.g. `s3:GetEncryptionConfiguration`. */
  permission?: string;
}

export interface SnapshotBase {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  provider: Provider;
  source: SnapshotSource;
  /** ISO 8601 time the collection finished; checks measure ages ("unused for 90 days") from here. */
  collectedAt: string;
  errors: CollectionError[];
  /** Tags on the account or subscription itself, e.g. `{ environment: 'production' }`. */
  tags?: Record<string, string>;
}

export type Snapshot = AwsSnapshot | AzureSnapshot;

export type { AwsSnapshot } from './aws-snapshot.js';
export type { AzureSnapshot } from './azure-snapshot.js';

/** Provider names for services whose checks go by another short name. */
const SERVICE_ALIASES: Record<string, string> = { graph: 'entra', insights: 'monitor', security: 'defender' };

/** The short service name checks use (`sql`, `keyvault`, `entra`) for a collection error's service. */
export function checkServiceOf(error: CollectionError): string {
  const name = error.service.toLowerCase().replace(/^microsoft\./, '');
  return SERVICE_ALIASES[name] ?? name;
}

/** The account id or subscription id a snapshot describes. */
export function scopeIdOf(snapshot: Snapshot): string {
  return snapshot.provider === 'aws' ? snapshot.accountId : snapshot.subscriptionId;
}

/** The account or subscription name when it has one, else its id: short enough for one line. */
export function scopeNameOf(snapshot: Snapshot): string {
  return (
    (snapshot.provider === 'aws' ? snapshot.accountName : snapshot.subscriptionName) ?? scopeIdOf(snapshot)
  );
}

/** A readable label, name first: `acme-prod (123456789012)`. */
export function scopeLabelOf(snapshot: Snapshot): string {
  const name = snapshot.provider === 'aws' ? snapshot.accountName : snapshot.subscriptionName;
  const id = scopeIdOf(snapshot);
  return name ? `${name} (${id})` : id;
}

// Building blocks every check uses to report: one finding per resource, and a clear "could not assess".

import type { CheckResult } from '../../source/model/check.js';
import type { CollectionError, Snapshot } from '../../source/model/snapshot.js';

type Where = Pick<CheckResult, 'resourceName' | 'region' | 'evidencedSince'>;

export function pass(resourceId: string, reason: string, where: Where = {}): CheckResult {
  return { status: 'PASS', resourceId, reason, ...where };
}

export function fail(resourceId: string, reason: string, where: Where = {}): CheckResult {
  return { status: 'FAIL', resourceId, reason, ...where };
}

export function unknown(resourceId: string, reason: string, where: Where = {}): CheckResult {
  return { status: 'UNKNOWN', resourceId, reason, ...where };
}

export interface ErrorQuery {
  service: string;
  operation?: string;
  region?: string;
  resourceId?: string;
}

/** The recorded collection error that explains a gap in the data, most specific match first. */
export function findError(snapshot: Snapshot, query: ErrorQuery): CollectionError | undefined {
  const candidates = snapshot.errors.filter(
    (e) =>
      e.service === query.service &&
      (query.operation === undefined || e.operation === query.operation) &&
      (query.region === undefined || e.region === undefined || e.region === query.region),
  );
  return (
    candidates.find((e) => query.resourceId !== undefined && e.resourceId === query.resourceId) ??
    candidates.find((e) => e.resourceId === undefined) ??
    candidates[0]
  );
}

/** "Could not read s3 GetBucketEncryption: AccessDenied (missing s3:GetEncryptionConfiguration)". */
export function unreadReason(snapshot: Snapshot, query: ErrorQuery, what = query.service): string {
  const error = findError(snapshot, query);
  if (!error) return `Could not assess: ${what} was not collected in this snapshot.`;
  const missing = error.permission ? ` (missing ${error.permission})` : '';
  const region = error.region ? ` in ${error.region}` : '';
  return `Could not assess: ${error.service} ${error.operation}${region} failed with ${error.kind}${missing}: ${error.message}`;
}

/** One UNKNOWN for the whole account or subscription when a service could not be read at all. */
export function unreadService(
  snapshot: Snapshot,
  scopeResourceId: string,
  query: ErrorQuery,
  what?: string,
): CheckResult[] {
  return [unknown(scopeResourceId, unreadReason(snapshot, query, what))];
}

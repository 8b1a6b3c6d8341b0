// Building blocks every check uses to report: one finding per resource, and a clear "could not assess".

import type { CheckResult } from '../../source/model/check.js';
import type { CollectionError, Snapshot } from '../../source/model/snapshot.js';

/** Where a finding points, besides its resource id. */
export type Where = Pick<CheckResult, 'resourceName' | 'region' | 'evidencedSince'>;

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
  /**
   * The call that reads the missing data, or several when any of them explains the gap (a report that is
   * generated, then fetched); when more than one failed, the one listed first is named.
   */
  operation?: string | readonly string[];
  region?: string;
  resourceId?: string;
}

/**
 * The recorded collection error that explains a gap in the data, most specific first: an error about the
 * resource itself; then, of several listed operations, the one listed first; then an error about no
 * resource in particular before one about another resource; then one recorded for the query's region
 * before a region-less one; and last the order the collector recorded them in.
 */
export function findError(snapshot: Snapshot, query: ErrorQuery): CollectionError | undefined {
  const operations = typeof query.operation === 'string' ? [query.operation] : query.operation;
  const candidates = snapshot.errors.filter(
    (e) =>
      e.service === query.service &&
      (operations === undefined || operations.includes(e.operation)) &&
      (query.region === undefined || e.region === undefined || e.region === query.region),
  );
  const ranks = (e: CollectionError) => [
    query.resourceId !== undefined && e.resourceId === query.resourceId ? 0 : 1,
    operations?.indexOf(e.operation) ?? 0,
    e.resourceId === undefined ? 0 : 1,
    query.region !== undefined && e.region === query.region ? 0 : 1,
  ];
  // sort is stable, so equally specific errors keep the order they were recorded in.
  return [...candidates].sort((a, b) => compareRanks(ranks(a), ranks(b)))[0];
}

function compareRanks(a: number[], b: number[]): number {
  for (const [i, rank] of a.entries()) if (rank !== b[i]) return rank - (b[i] ?? 0);
  return 0;
}

/**
 * When no recorded error explains a gap. Phrased around `what` so that it reads right whether `what` is
 * one thing ("the IAM credential report") or many ("SQL servers").
 */
export function notCollectedReason(what: string): string {
  return `Could not assess: no data was collected for ${what} in this snapshot.`;
}

/** "Could not assess: s3 GetBucketEncryption in us-east-1 failed with AccessDenied (missing ...): message". */
export function unreadReason(snapshot: Snapshot, query: ErrorQuery, what = query.service): string {
  const error = findError(snapshot, query);
  if (!error) return notCollectedReason(what);
  const missing = error.permission ? ` (missing ${error.permission})` : '';
  const region = error.region ? ` in ${error.region}` : '';
  return `Could not assess: ${error.service} ${error.operation}${region} failed with ${error.kind}${missing}: ${error.message}`;
}

/** UNKNOWN for the resource whose data could not be read, with the recorded error that explains it. */
export function unknownResource(
  snapshot: Snapshot,
  query: ErrorQuery & { resourceId: string },
  where: Where = {},
): CheckResult {
  return unknown(query.resourceId, unreadReason(snapshot, query), where);
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

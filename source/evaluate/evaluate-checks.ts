// Snapshots -> findings. Pure: every check runs on every snapshot of its provider; a check that throws
// reports UNKNOWN instead of taking the run down, and tenant-wide findings seen from several
// subscriptions are reported once.

import type { Check, CheckResult } from '../model/check.js';
import type { Finding, Status } from '../model/finding.js';
import type { AwsSnapshot } from '../model/aws-snapshot.js';
import { scopeIdOf, type Snapshot } from '../model/snapshot.js';
import { configHistorySince } from './config-history.js';

/** Every check on every snapshot, each able to look into the others (a central log archive). */
export function evaluateChecks(snapshots: readonly Snapshot[], checks: readonly Check[]): Finding[] {
  return mergeFindings(snapshots.flatMap((snapshot) => evaluateSnapshot(snapshot, checks, snapshots)));
}

/** The checks on one snapshot; `estate` is the run's snapshots, for references that leave it. */
export function evaluateSnapshot(
  snapshot: Snapshot,
  checks: readonly Check[],
  estate: readonly Snapshot[] = [snapshot],
): Finding[] {
  // Once per snapshot, not per check: with hundreds of snapshots this filter was a third of the time.
  const sameProvider = estate.filter((s) => s.provider === snapshot.provider);
  return checks
    .filter((check) => check.provider === snapshot.provider)
    .flatMap((check) =>
      runCheck(check, snapshot, sameProvider).map((result) => toFinding(check, snapshot, result)),
    );
}

/** One finding per check and resource: the worst, when several snapshots report the same resource. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.checkId}\u0000${finding.resourceId}`;
    const seen = merged.get(key);
    if (!seen || worse(finding.status, seen.status)) merged.set(key, finding);
  }
  return [...merged.values()];
}

/** `sameProvider` holds only snapshots of the check's provider (evaluateSnapshot filters it). */
function runCheck(check: Check, snapshot: Snapshot, sameProvider: readonly Snapshot[]): CheckResult[] {
  type AzureOne = Extract<Snapshot, { provider: 'azure' }>;
  try {
    return check.provider === 'aws'
      ? check.evaluate(snapshot as AwsSnapshot, sameProvider as readonly AwsSnapshot[])
      : check.evaluate(snapshot as AzureOne, sameProvider as readonly AzureOne[]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [
      {
        status: 'UNKNOWN',
        resourceId: scopeIdOf(snapshot),
        reason: `Could not assess: the check failed on this snapshot (${message}).`,
      },
    ];
  }
}

function toFinding(check: Check, snapshot: Snapshot, result: CheckResult): Finding {
  const finding: Finding = {
    checkId: check.id,
    source: 'check',
    provider: check.provider,
    scopeId: scopeIdOf(snapshot),
    criteria: check.criteria,
    severity: check.severity,
    title: check.title,
    ...result,
  };
  if (finding.status === 'PASS' && !finding.evidencedSince && snapshot.provider === 'aws') {
    const since = configHistorySince(snapshot, check.service, finding.region);
    if (since) finding.evidencedSince = since;
  }
  return finding;
}

const STATUS_RANK: Record<Status, number> = { PASS: 0, UNKNOWN: 1, FAIL: 2 };

function worse(a: Status, b: Status): boolean {
  return STATUS_RANK[a] > STATUS_RANK[b];
}

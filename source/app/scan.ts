// Collect (or load the demo estate), evaluate, and record a run in the workspace. Progress is reported
// per account or subscription, service and region, so a screen can show each line as it finishes; a cancel
// keeps every account that finished and records the run as partial.

import type { Check } from '../model/check.js';
import { countStatuses, type Finding, type StatusCounts } from '../model/finding.js';
import {
  checkServiceOf,
  scopeNameOf,
  type CollectionError,
  type Snapshot,
  type SnapshotSource,
} from '../model/snapshot.js';
import type { RunRecord } from '../store/workspace-data.js';
import type { Workspace } from '../store/workspace.js';
import { CollectError } from '../util/errors.js';
import { evaluateSnapshot, mergeFindings } from '../evaluate/evaluate-checks.js';
import { assess } from './assess.js';
import type { Content } from './content.js';
import { demoEstate } from './demo.js';

export interface ScanOptions {
  demo: boolean;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

/** One finished line of a scan: an account or subscription, one of its services, and a region. */
export interface ScanProgress {
  provider: Snapshot['provider'];
  scope: string;
  service: string;
  /** Absent for global services (IAM, Entra) and account-wide results. */
  region?: string;
  counts: StatusCounts;
  errors: CollectionError[];
}

export async function collectSnapshots(
  options: ScanOptions,
  demoStage: DemoStage = 'initial',
): Promise<{ snapshots: Snapshot[]; source: SnapshotSource }> {
  if (options.demo)
    return { snapshots: (await demoEstate(options.now, demoStage)).snapshots, source: 'demo' };
  throw new CollectError(
    'Live collection from AWS and Azure is not available in this version yet. Run with --demo to use the embedded sample estate.',
  );
}

export type DemoStage = 'initial' | 'remediated';

/** A workspace's first demo scan sees the estate as it is; later ones see it after some remediation. */
export function demoStageFor(workspace: Workspace): DemoStage {
  return workspace.runs.some((run) => run.source === 'demo') ? 'remediated' : 'initial';
}

/** Runs a scan and records it; the recorded findings include the answers' findings at that moment. */
export async function scanAndRecord(
  workspace: Workspace,
  content: Content,
  options: ScanOptions,
): Promise<{ run: RunRecord; findings: Finding[] }> {
  const { snapshots, source } = await collectSnapshots(options, demoStageFor(workspace));
  const finished: Snapshot[] = [];
  const checkFindings: Finding[] = [];
  for (const snapshot of snapshots) {
    if (options.signal?.aborted) break;
    const findings = evaluateSnapshot(snapshot, content.checks);
    checkFindings.push(...findings);
    finished.push(snapshot);
    for (const line of progressLines(snapshot, findings, content.checks)) {
      options.onProgress?.(line);
      // Let the screen draw each line and notice Esc between them.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const partial = finished.length < snapshots.length;
  const { findings, plan } = assess({
    content,
    checkFindings: mergeFindings(checkFindings),
    answers: workspace.answers,
    categories: workspace.data.scope.categories,
    asOf: options.now.toISOString(),
  });
  const run = await workspace.recordRun({
    snapshots: finished,
    findings,
    source,
    startedAt: options.now,
    partial,
    readiness: { design: plan.readiness.design.overall, operating: plan.readiness.operating.overall },
  });
  return { run, findings };
}

function progressLines(
  snapshot: Snapshot,
  findings: readonly Finding[],
  checks: readonly Check[],
): ScanProgress[] {
  const serviceOf = new Map(checks.map((c) => [c.id, c.service]));
  const services = [...new Set(checks.filter((c) => c.provider === snapshot.provider).map((c) => c.service))];
  return services.flatMap((service) => {
    const serviceFindings = findings.filter((f) => serviceOf.get(f.checkId) === service);
    const serviceErrors = snapshot.errors.filter((e) => checkServiceOf(e) === service);
    // One line per region the service was read in; global services (IAM, Entra) have none.
    const regions = [
      ...new Set([...serviceFindings.map((f) => f.region), ...serviceErrors.map((e) => e.region)]),
    ].sort(byRegion);
    if (regions.length === 0) regions.push(undefined);
    return regions.map((region) => ({
      provider: snapshot.provider,
      scope: scopeNameOf(snapshot),
      service,
      ...(region === undefined ? {} : { region }),
      counts: countStatuses(serviceFindings.filter((f) => f.region === region)),
      errors: serviceErrors.filter((e) => e.region === region),
    }));
  });
}

/** The region-less (global) line first, then regions by name. */
function byRegion(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a.localeCompare(b);
}

// What changed between two runs: fixed, new (regressions among them), still open, and the score.

import type { Finding } from '../model/finding.js';
import type { RunRecord } from '../store/workspace-data.js';
import type { Workspace } from '../store/workspace.js';

export interface RunDiff {
  from: { id: string; at: string; readiness: RunRecord['readiness'] };
  to: { id: string; at: string; readiness: RunRecord['readiness'] };
  /** Failing before, passing now or gone. */
  fixed: Finding[];
  /** Failing now, not failing before; `regressed` marks the ones that passed before. */
  new: (Finding & { regressed: boolean })[];
  stillOpen: Finding[];
  /** Could be assessed before, not now (or the reverse): usually a permission change. */
  newlyUnknown: Finding[];
  scoreChange: { design: number; operating: number };
}

const keyOf = (f: Finding) => `${f.checkId}\u0000${f.resourceId}`;

export function diffRuns(
  from: RunRecord,
  fromFindings: readonly Finding[],
  to: RunRecord,
  toFindings: readonly Finding[],
): RunDiff {
  const before = new Map(fromFindings.map((f) => [keyOf(f), f]));
  const after = new Map(toFindings.map((f) => [keyOf(f), f]));
  // A failing resource that now passes, or is gone, is fixed; one that became UNKNOWN is not.
  const fixed = fromFindings.filter((f) => {
    const now = after.get(keyOf(f))?.status;
    return f.status === 'FAIL' && (now === 'PASS' || now === undefined);
  });
  const failingNow = toFindings.filter((f) => f.status === 'FAIL');
  return {
    from: { id: from.id, at: from.startedAt, readiness: from.readiness },
    to: { id: to.id, at: to.startedAt, readiness: to.readiness },
    fixed: fixed.map((f) => after.get(keyOf(f)) ?? f),
    new: failingNow
      .filter((f) => before.get(keyOf(f))?.status !== 'FAIL')
      .map((f) => ({ ...f, regressed: before.get(keyOf(f))?.status === 'PASS' })),
    stillOpen: failingNow.filter((f) => before.get(keyOf(f))?.status === 'FAIL'),
    newlyUnknown: toFindings.filter(
      (f) => f.status === 'UNKNOWN' && before.get(keyOf(f))?.status !== 'UNKNOWN',
    ),
    scoreChange: {
      design: to.readiness.design - from.readiness.design,
      operating: to.readiness.operating - from.readiness.operating,
    },
  };
}

/** The latest run against the one before; undefined while the workspace has fewer than two runs. */
export async function diffLatestRuns(workspace: Workspace): Promise<RunDiff | undefined> {
  const latest = workspace.latestRun();
  const previous = workspace.previousRun();
  if (!latest || !previous) return undefined;
  const [before, after] = await Promise.all([
    workspace.loadFindings(previous),
    workspace.loadFindings(latest),
  ]);
  return diffRuns(previous, before, latest, after);
}

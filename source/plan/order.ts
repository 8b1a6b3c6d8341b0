// The order gaps are worked in: most severe first, quick wins first within a severity, and never a
// gap before the ones it depends on (a dependency inherits the urgency of what waits for it).

import { SEVERITY_WEIGHT } from '../model/finding.js';
import type { GapDraft } from './gaps.js';

/** Severity weight, raised for controls that serve several criteria at once (up to 2x). */
export function priorityOf(draft: GapDraft): number {
  const breadth = 1 + 0.25 * (Math.min(draft.meta.criteria.length, 5) - 1);
  return Math.round(SEVERITY_WEIGHT[draft.meta.severity] * breadth * 100) / 100;
}

/** Dependencies restricted to controls that are gaps themselves (a passing dependency blocks nothing). */
export function gapDependencies(drafts: readonly GapDraft[]): Map<string, string[]> {
  const ids = new Set(drafts.map((d) => d.meta.id));
  return new Map(
    drafts.map((d) => [
      d.meta.id,
      (d.meta.dependsOn ?? []).filter((dep) => ids.has(dep) && dep !== d.meta.id),
    ]),
  );
}

export function orderGaps(drafts: readonly GapDraft[]): GapDraft[] {
  const deps = gapDependencies(drafts);
  const urgency = inheritedUrgency(drafts, deps);
  const before = (a: GapDraft, b: GapDraft) =>
    urgency.get(b.meta.id)! - urgency.get(a.meta.id)! ||
    a.effortHours - b.effortHours ||
    priorityOf(b) - priorityOf(a) ||
    a.meta.id.localeCompare(b.meta.id);

  const placed = new Set<string>();
  const ordered: GapDraft[] = [];
  let pending = [...drafts];
  while (pending.length > 0) {
    const ready = pending.filter((d) => deps.get(d.meta.id)!.every((dep) => placed.has(dep)));
    // A dependency cycle would leave nothing ready: fall back to priority order rather than stall.
    const next = (ready.length > 0 ? ready : pending).sort(before)[0]!;
    ordered.push(next);
    placed.add(next.meta.id);
    pending = pending.filter((d) => d !== next);
  }
  return ordered;
}

function inheritedUrgency(drafts: readonly GapDraft[], deps: Map<string, string[]>): Map<string, number> {
  const urgency = new Map(drafts.map((d) => [d.meta.id, SEVERITY_WEIGHT[d.meta.severity]]));
  // Push each gap's urgency down its dependency chains; chains are short, so a few passes settle it.
  for (let pass = 0; pass < drafts.length; pass++) {
    let changed = false;
    for (const [id, depIds] of deps) {
      for (const dep of depIds) {
        if (urgency.get(id)! > urgency.get(dep)!) {
          urgency.set(dep, urgency.get(id)!);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return urgency;
}

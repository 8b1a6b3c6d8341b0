// Findings -> gaps (one per failing control, listing what it affects) and the controls not yet assessed.

import type { ControlMeta, Effort } from '../model/check.js';
import type { Finding } from '../model/finding.js';
import { groupBy } from '../util/collections.js';
import type { ControlCatalog, GapResource, Unassessed } from './types.js';

export interface GapDraft {
  meta: ControlMeta;
  source: Finding['source'];
  resources: GapResource[];
  effortHours: number;
}

export function effortHours(effort: Effort, resourceCount: number): number {
  const hours = effort.baseHours + effort.perResourceHours * Math.max(resourceCount, 1);
  return roundHours(Math.min(hours, effort.maxHours));
}

export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10;
}

export function collectGaps(
  findings: readonly Finding[],
  catalog: ControlCatalog,
): { gaps: GapDraft[]; unassessed: Unassessed[] } {
  const byControl = groupBy(findings, (f) => f.checkId);
  const gaps: GapDraft[] = [];
  const unassessed: Unassessed[] = [];
  for (const [id, group] of byControl) {
    const first = group[0]!;
    const failing = group.filter((f) => f.status === 'FAIL');
    const unknown = group.filter((f) => f.status === 'UNKNOWN');
    if (failing.length > 0) {
      const meta = catalog.get(id) ?? fallbackMeta(first);
      gaps.push({
        meta,
        source: first.source,
        resources: failing.map(toResource),
        effortHours: effortHours(meta.effort, failing.length),
      });
    }
    if (unknown.length > 0) {
      unassessed.push({
        id,
        title: first.title,
        severity: first.severity,
        criteria: first.criteria,
        source: first.source,
        resources: unknown.map(toResource),
      });
    }
  }
  return { gaps, unassessed };
}

function toResource(finding: Finding): GapResource {
  const resource: GapResource = { id: finding.resourceId, reason: finding.reason };
  if (finding.resourceName) resource.name = finding.resourceName;
  if (finding.region) resource.region = finding.region;
  if (finding.scopeId) resource.scopeId = finding.scopeId;
  return resource;
}

/** A finding whose control is missing from the catalog still becomes a gap, with honest placeholders. */
function fallbackMeta(finding: Finding): ControlMeta {
  return {
    id: finding.checkId,
    title: finding.title,
    severity: finding.severity,
    criteria: finding.criteria,
    risk: finding.reason,
    remediation: { summary: 'See the finding for what failed.' },
    effort: { baseHours: 4, perResourceHours: 0, maxHours: 4 },
    owner: 'Compliance lead',
    evidence: 'Evidence that the control operated across the observation window.',
  };
}

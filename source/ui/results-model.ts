// Pure shaping of findings for the Results screen: filters, then criterion -> control -> resource.

import { allCriteria, type Category, type CriterionId } from '../model/criteria.js';
import {
  countStatuses,
  type Finding,
  type Severity,
  type Status,
  type StatusCounts,
} from '../model/finding.js';
import { groupBy } from '../util/collections.js';

export type SeverityFilter = Severity | 'all';
export type SourceFilter = 'all' | 'aws' | 'azure' | 'questionnaire';
export const SEVERITY_FILTERS: readonly SeverityFilter[] = ['all', 'critical', 'high', 'medium', 'low'];
export const SOURCE_FILTERS: readonly SourceFilter[] = ['all', 'aws', 'azure', 'questionnaire'];

export type Counts = StatusCounts;

export interface CriterionRow {
  id: CriterionId;
  title: string;
  category: Category;
  counts: Counts;
}

export interface ControlRow {
  id: string;
  title: string;
  severity: Severity;
  counts: Counts;
  findings: Finding[];
}

export function filterFindings(
  findings: readonly Finding[],
  severity: SeverityFilter,
  source: SourceFilter,
): Finding[] {
  return findings.filter(
    (f) =>
      (severity === 'all' || f.severity === severity) &&
      (source === 'all' ||
        (source === 'questionnaire' ? f.source === 'questionnaire' : f.provider === source)),
  );
}

export { countStatuses };

/** In-scope criteria that have findings, in AICPA order. */
export function criterionRows(findings: readonly Finding[], categories: readonly Category[]): CriterionRow[] {
  return allCriteria()
    .filter((c) => categories.includes(c.category))
    .map((c) => ({ ...c, counts: countStatuses(findings.filter((f) => f.criteria.includes(c.id))) }))
    .filter((row) => row.counts.FAIL + row.counts.UNKNOWN + row.counts.PASS > 0);
}

/** Controls serving a criterion, failing ones first. */
export function controlRows(findings: readonly Finding[], criterionId: CriterionId): ControlRow[] {
  const byControl = groupBy(
    findings.filter((f) => f.criteria.includes(criterionId)),
    (f) => f.checkId,
  );
  return [...byControl.entries()]
    .map(([id, group]) => ({
      id,
      title: group[0]!.title,
      severity: group[0]!.severity,
      counts: countStatuses(group),
      findings: sortByStatus(group),
    }))
    .sort(
      (a, b) =>
        b.counts.FAIL - a.counts.FAIL || b.counts.UNKNOWN - a.counts.UNKNOWN || a.id.localeCompare(b.id),
    );
}

const ORDER: Record<Status, number> = { FAIL: 0, UNKNOWN: 1, PASS: 2 };

export function sortByStatus(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
}

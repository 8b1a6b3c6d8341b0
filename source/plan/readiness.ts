// Readiness per TSC category, twice: design (in place today) and operating evidence (shown to have
// operated since the observation window began). Each control counts once per criterion it serves,
// weighted by severity, by the share of its resources that pass. UNKNOWN, unanswered and uncovered
// criteria count as not passing, so the score only rises with real evidence.

import { allCriteria, type Category, type CriterionId } from '../model/criteria.js';
import { SEVERITY_WEIGHT, type Finding } from '../model/finding.js';
import { daysBetween, isoDay } from '../util/dates.js';
import { groupBy } from '../util/collections.js';
import type { PlanSettings, Readiness, ReadinessFigures } from './types.js';

/** Weight of an in-scope criterion that nothing assessed: as much as a medium control, scored zero. */
const NOT_ASSESSED_WEIGHT = SEVERITY_WEIGHT.medium;

export function operatingBasis(settings: PlanSettings, asOf: string): Readiness['operatingBasis'] {
  const { windowStart } = settings;
  if (!windowStart) {
    return {
      since: isoDay(asOf),
      explanation: 'No observation window answered yet: counts passing controls with any dated evidence.',
    };
  }
  if (daysBetween(windowStart, asOf) >= 0) {
    return {
      since: isoDay(windowStart),
      explanation: `Counts passing controls evidenced since the window began on ${isoDay(windowStart)}.`,
    };
  }
  return {
    since: isoDay(asOf),
    explanation: `The window starts ${isoDay(windowStart)}: counts passing controls already producing dated evidence.`,
  };
}

export function isEvidenced(finding: Finding, since: string, asOf: string): boolean {
  if (finding.status !== 'PASS') return false;
  if (finding.recurrence) {
    // Only the last occurrence is known, and one occurrence covers one period: it has to fall inside
    // the window so far, and the window so far can be no longer than a period. Before the window
    // starts, the control only has to be current.
    const { lastOccurred, everyDays } = finding.recurrence;
    const elapsed = daysBetween(since, asOf);
    if (elapsed <= 0) return daysBetween(lastOccurred, asOf) <= everyDays;
    return daysBetween(since, lastOccurred) >= 0 && elapsed <= everyDays;
  }
  return finding.evidencedSince !== undefined && daysBetween(finding.evidencedSince, since) >= 0;
}

export function readinessOf(
  findings: readonly Finding[],
  categories: readonly Category[],
  settings: PlanSettings,
  asOf: string,
): Readiness {
  const basis = operatingBasis(settings, asOf);
  return {
    design: figures(findings, categories, (f) => f.status === 'PASS'),
    operating: figures(findings, categories, (f) => isEvidenced(f, basis.since, asOf)),
    operatingBasis: basis,
  };
}

function figures(
  findings: readonly Finding[],
  categories: readonly Category[],
  passes: (finding: Finding) => boolean,
): ReadinessFigures {
  const inScope = allCriteria().filter((c) => categories.includes(c.category));
  const byCriterion = new Map<CriterionId, Finding[]>();
  for (const finding of findings) {
    for (const id of finding.criteria) {
      const list = byCriterion.get(id);
      if (list) list.push(finding);
      else byCriterion.set(id, [finding]);
    }
  }

  const totals = new Map<Category, { earned: number; possible: number }>();
  const notAssessed: CriterionId[] = [];
  for (const criterion of inScope) {
    const controls = groupBy(byCriterion.get(criterion.id) ?? [], (f) => f.checkId);
    const assessed = [...controls.values()].some((group) => group.some((f) => f.status !== 'UNKNOWN'));
    if (!assessed) notAssessed.push(criterion.id);
    let earned = 0;
    let possible = controls.size === 0 ? NOT_ASSESSED_WEIGHT : 0;
    for (const group of controls.values()) {
      const weight = SEVERITY_WEIGHT[group[0]!.severity];
      possible += weight;
      earned += (weight * group.filter(passes).length) / group.length;
    }
    const total = totals.get(criterion.category) ?? { earned: 0, possible: 0 };
    totals.set(criterion.category, { earned: total.earned + earned, possible: total.possible + possible });
  }

  const categoryScores: ReadinessFigures['categories'] = {};
  let earned = 0;
  let possible = 0;
  for (const [category, total] of totals) {
    categoryScores[category] = percent(total.earned, total.possible);
    earned += total.earned;
    possible += total.possible;
  }
  return { overall: percent(earned, possible), categories: categoryScores, notAssessed };
}

function percent(earned: number, possible: number): number {
  return possible === 0 ? 0 : Math.round((100 * earned) / possible);
}

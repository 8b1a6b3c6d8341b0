// Findings of both kinds -> the readiness plan. Pure: same findings, catalog, answers and date, same plan.

import type { Category } from '../model/criteria.js';
import { countStatuses, type Finding } from '../model/finding.js';
import { isoDay } from '../util/dates.js';
import { capacityFrom } from './capacity.js';
import { collectGaps, roundHours } from './gaps.js';
import { gapDependencies, orderGaps, priorityOf } from './order.js';
import { readinessOf } from './readiness.js';
import { reportDateImpact } from './report-date.js';
import { scheduleHours } from './schedule.js';
import { PHASES, type ControlCatalog, type Gap, type Phase, type Plan, type PlanSettings } from './types.js';

export interface PlanInput {
  findings: readonly Finding[];
  catalog: ControlCatalog;
  settings: PlanSettings;
  /** TSC categories in scope; Security is always in. */
  categories: readonly Category[];
  /** The assessment date; the schedule's day 0. */
  asOf: string;
}

export function buildPlan(input: PlanInput): Plan {
  const { findings, catalog, settings, asOf } = input;
  const categories: Category[] = ['security', ...input.categories.filter((c) => c !== 'security')];
  const { gaps: drafts, unassessed } = collectGaps(findings, catalog);
  const capacity = capacityFrom(settings);
  const ordered = orderGaps(drafts);
  const dependencies = gapDependencies(drafts);
  const slots = scheduleHours(
    ordered.map((d) => d.effortHours),
    capacity.hoursPerWeek,
  );
  const scheduled = ordered.map((draft, i) => ({ draft, slot: slots[i]! }));
  const { delays, reportDate } = reportDateImpact(
    scheduled.map(({ draft, slot }) => ({
      id: draft.meta.id,
      severity: draft.meta.severity,
      finishDay: slot.finishDay,
    })),
    settings,
    asOf,
  );

  const gaps: Gap[] = scheduled.map(({ draft, slot }) => ({
    id: draft.meta.id,
    title: draft.meta.title,
    severity: draft.meta.severity,
    criteria: draft.meta.criteria,
    source: draft.source,
    risk: draft.meta.risk,
    resources: draft.resources,
    effortHours: draft.effortHours,
    owner: draft.meta.owner,
    remediation: draft.meta.remediation,
    evidence: draft.meta.evidence,
    dependsOn: dependencies.get(draft.meta.id) ?? [],
    priority: priorityOf(draft),
    phase: slot.phase,
    startDay: slot.startDay,
    finishDay: slot.finishDay,
    delaysReportByDays: delays.get(draft.meta.id) ?? 0,
  }));

  const byPhase = Object.fromEntries(
    PHASES.map((phase) => {
      const inPhase = gaps.filter((g) => g.phase === phase);
      return [phase, { gaps: inPhase.length, effortHours: sumHours(inPhase) }];
    }),
  ) as Record<Phase, { gaps: number; effortHours: number }>;

  return {
    asOf: isoDay(asOf),
    categories,
    readiness: readinessOf(findings, categories, settings, asOf),
    totals: { gaps: gaps.length, effortHours: sumHours(gaps), byPhase },
    fitsIn90Days: byPhase['after-90'].gaps === 0,
    capacity,
    reportDate,
    gaps,
    unassessed,
    counts: countStatuses(findings),
  };
}

function sumHours(gaps: readonly Gap[]): number {
  return roundHours(gaps.reduce((sum, g) => sum + g.effortHours, 0));
}

// The answers the plan schedules against. Their question ids are fixed: the plan depends on them.

import type { Answers, PlanningInputs } from './types.js';
import { isIsoDay } from './values.js';

export const PLANNING_QUESTIONS = {
  windowStart: 'audit.window_start',
  windowEnd: 'audit.window_end',
  targetReportDate: 'audit.target_report_date',
  complianceFte: 'staffing.compliance_fte',
  remediationFte: 'staffing.remediation_fte',
} as const;

/** The answers the plan schedules against (fixed ids in audit.yaml and staffing.yaml); invalid ones are left out. */
export function planningInputs(answers: Answers): PlanningInputs {
  const date = (id: string) => {
    const value = answers[id];
    return typeof value === 'string' && isIsoDay(value) ? value : undefined;
  };
  const fte = (id: string) => {
    const value = answers[id];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const inputs: PlanningInputs = {
    windowStart: date(PLANNING_QUESTIONS.windowStart),
    windowEnd: date(PLANNING_QUESTIONS.windowEnd),
    targetReportDate: date(PLANNING_QUESTIONS.targetReportDate),
    complianceFte: fte(PLANNING_QUESTIONS.complianceFte),
    remediationFte: fte(PLANNING_QUESTIONS.remediationFte),
  };
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)) as PlanningInputs;
}

// What the plan means for the Type II report. A control fixed on day 80 of an observation window was
// not operating for the first 79 days: an auditor reports that as an exception. For a clean report,
// the window has to start once the critical and high gaps are closed, so each such gap that finishes
// after the window starts pushes the earliest credible report date out.

import { addDays, daysBetween, isoDay } from '../util/dates.js';
import type { Severity } from '../model/finding.js';
import type { PlanSettings, ReportDate } from './types.js';

/** Fieldwork and report writing after the window closes: auditors usually need four to eight weeks. */
export const REPORT_LAG_DAYS = 45;
/** When the window end is not answered: a common first Type II window. */
export const ASSUMED_WINDOW_DAYS = 180;
const EXCEPTION_SEVERITIES: readonly Severity[] = ['critical', 'high'];

export interface ScheduledGap {
  id: string;
  severity: Severity;
  finishDay: number | null;
}

export function reportDateImpact(
  gaps: readonly ScheduledGap[],
  settings: PlanSettings,
  asOf: string,
): { delays: Map<string, number>; reportDate: ReportDate } {
  const delays = new Map<string, number>();
  const { windowStart, windowEnd, targetReportDate } = settings;
  if (!windowStart) {
    return {
      delays,
      reportDate: {
        ...(targetReportDate ? { targetReportDate } : {}),
        explanation:
          'Answer the observation window dates (audit.window_start, audit.window_end) to see when a clean Type II report is possible.',
      },
    };
  }
  const windowDays = windowEnd ? Math.max(1, daysBetween(windowStart, windowEnd)) : ASSUMED_WINDOW_DAYS;
  const blocking = gaps.filter((g) => EXCEPTION_SEVERITIES.includes(g.severity));
  const unscheduled = blocking.filter((g) => g.finishDay === null);
  for (const gap of blocking) {
    if (gap.finishDay === null) continue;
    const delay = Math.max(0, daysBetween(windowStart, addDays(asOf, gap.finishDay)));
    if (delay > 0) delays.set(gap.id, delay);
  }
  const base = {
    windowStart,
    ...(windowEnd ? { windowEnd } : {}),
    ...(targetReportDate ? { targetReportDate } : {}),
  };
  if (unscheduled.length > 0) {
    return {
      delays,
      reportDate: {
        ...base,
        explanation: `${unscheduled.length} critical or high gaps cannot be scheduled: the team has no remediation capacity left after evidence work, so no report date can be promised.`,
      },
    };
  }
  const maxDelay = Math.max(0, ...delays.values());
  const start = addDays(windowStart, maxDelay);
  const earliestCredible = isoDay(addDays(start, windowDays + REPORT_LAG_DAYS));
  const slipDays = targetReportDate ? daysBetween(targetReportDate, earliestCredible) : undefined;
  const windowNote = windowEnd ? '' : ` (window length assumed ${ASSUMED_WINDOW_DAYS} days)`;
  const explanation =
    maxDelay === 0
      ? `No critical or high gap is planned to finish after the window starts on ${isoDay(windowStart)}; with ${REPORT_LAG_DAYS} days for fieldwork the report is credible from ${earliestCredible}${windowNote}.`
      : `${delays.size} critical or high gaps finish after the window starts on ${isoDay(windowStart)}, the last ${maxDelay} days in: a clean window can start ${isoDay(start)} and run ${windowDays} days, then ${REPORT_LAG_DAYS} days for fieldwork${windowNote}.`;
  return {
    delays,
    reportDate: { ...base, earliestCredible, ...(slipDays !== undefined ? { slipDays } : {}), explanation },
  };
}

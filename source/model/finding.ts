// A finding is one verdict on one resource (or one answer): PASS, FAIL, or UNKNOWN with the reason.

import type { CriterionId } from './criteria.js';
import type { Provider } from './snapshot.js';

export type Status = 'PASS' | 'FAIL' | 'UNKNOWN';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Higher is worse; used for ordering and for weighting scores. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 3, low: 1 };

export type FindingSource = 'check' | 'questionnaire';

export type StatusCounts = Record<Status, number>;

export function countStatuses(findings: readonly { status: Status }[]): StatusCounts {
  const counts: StatusCounts = { FAIL: 0, UNKNOWN: 0, PASS: 0 };
  for (const f of findings) counts[f.status] += 1;
  return counts;
}

export interface Finding {
  /** The check id, or the questionnaire rule id for answers. */
  checkId: string;
  source: FindingSource;
  status: Status;
  /** ARN, Azure resource id, the account/subscription for account-level checks, or the answer's subject. */
  resourceId: string;
  resourceName?: string;
  region?: string;
  /** Cloud provider for check findings. */
  provider?: Provider;
  /** The AWS account, Azure subscription or tenant the resource belongs to. */
  scopeId?: string;
  criteria: CriterionId[];
  severity: Severity;
  title: string;
  /** One readable sentence: why it passed, failed, or could not be assessed. */
  reason: string;
  /**
   * The date from which evidence shows the control operating without a break (a trail logging since,
   * a configuration history reaching back to, a recurring review last done and done every period).
   * Absent when only today's state is known: that proves design, never operation.
   */
  evidencedSince?: string;
  /**
   * For a recurring control (an access review every quarter, a restore test every year): the date it
   * last happened and how often it has to. Operating evidence then needs an occurrence inside the
   * window for each period elapsed (see source/plan/readiness.ts).
   */
  recurrence?: { lastOccurred: string; everyDays: number };
}

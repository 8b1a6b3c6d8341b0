// The plan: what is wrong, what to do first, how long it takes, and what it means for the audit.

import type { Category, CriterionId } from '../model/criteria.js';
import type { ControlMeta, OwnerRole, Remediation } from '../model/check.js';
import type { FindingSource, Severity } from '../model/finding.js';

/** Inputs the plan reads from the answers (see questionnaires/audit.yaml and staffing.yaml). */
export interface PlanSettings {
  windowStart?: string;
  windowEnd?: string;
  targetReportDate?: string;
  complianceFte?: number;
  remediationFte?: number;
}

export type Phase = '0-30' | '31-60' | '61-90' | 'after-90';
export const PHASES: readonly Phase[] = ['0-30', '31-60', '61-90', 'after-90'];

export interface GapResource {
  id: string;
  name?: string;
  region?: string;
  scopeId?: string;
  reason: string;
}

export interface Gap {
  /** The control's id: a check id or a questionnaire rule id. */
  id: string;
  title: string;
  severity: Severity;
  criteria: CriterionId[];
  source: FindingSource;
  risk: string;
  resources: GapResource[];
  effortHours: number;
  owner: OwnerRole;
  remediation: Remediation;
  evidence: string;
  /** Gaps (by id) that must be closed first; only those that are gaps themselves. */
  dependsOn: string[];
  priority: number;
  phase: Phase;
  /**
   * Days from the plan date when work starts and is expected to finish at the team's capacity;
   * null when there is no capacity to schedule it at all.
   */
  startDay: number | null;
  finishDay: number | null;
  /**
   * For critical and high gaps finishing after the observation window starts: days the earliest credible
   * report date moves because the control cannot be evidenced before it is fixed.
   */
  delaysReportByDays: number;
}

/** A control that could not be assessed: a permission to grant, a question to answer. */
export interface Unassessed {
  id: string;
  title: string;
  severity: Severity;
  criteria: CriterionId[];
  source: FindingSource;
  resources: GapResource[];
}

export interface ReadinessFigures {
  /** 0-100, weighted by severity; not-assessed counts as not passing. */
  overall: number;
  categories: Partial<Record<Category, number>>;
  /** In-scope criteria with no assessed control (no data, unanswered, or not covered yet). */
  notAssessed: CriterionId[];
}

export interface Readiness {
  /** The control is in place now. */
  design: ReadinessFigures;
  /** The control is evidenced as operating since the observation window began. */
  operating: ReadinessFigures;
  /** The date operating evidence has to reach back to, and why that date. */
  operatingBasis: { since: string; explanation: string };
}

export interface Capacity {
  remediationFte: number;
  complianceFte: number;
  /** Evidence work the remediation team has to carry because compliance staffing is under 0.5 FTE. */
  evidenceLoadFte: number;
  hoursPerWeek: number;
  hoursIn90Days: number;
  assumptions: string[];
}

export interface ReportDate {
  windowStart?: string;
  windowEnd?: string;
  targetReportDate?: string;
  /** The earliest date an unqualified Type II report is credible, given the plan. */
  earliestCredible?: string;
  /** Days the target slips (positive) or has to spare (negative). */
  slipDays?: number;
  explanation: string;
}

export interface Plan {
  asOf: string;
  categories: Category[];
  readiness: Readiness;
  totals: {
    gaps: number;
    effortHours: number;
    byPhase: Record<Phase, { gaps: number; effortHours: number }>;
  };
  fitsIn90Days: boolean;
  capacity: Capacity;
  reportDate: ReportDate;
  gaps: Gap[];
  unassessed: Unassessed[];
  counts: { PASS: number; FAIL: number; UNKNOWN: number };
}

export type ControlCatalog = ReadonlyMap<string, ControlMeta>;

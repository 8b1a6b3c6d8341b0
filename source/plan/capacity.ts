// Team capacity for remediation, from the staffing answers. The brief budgets at least 0.5 FTE for
// ongoing evidence collection and monitoring; whatever compliance staffing does not cover comes out
// of the remediation team's time.

import type { Capacity, PlanSettings } from './types.js';

export const HOURS_PER_FTE_WEEK = 40;
export const MIN_EVIDENCE_FTE = 0.5;
/** Used when the staffing question is not answered yet, and said so in the plan. */
export const DEFAULT_REMEDIATION_FTE = 1;

export function capacityFrom(settings: PlanSettings): Capacity {
  const assumptions: string[] = [];
  let remediationFte = settings.remediationFte;
  if (remediationFte === undefined) {
    remediationFte = DEFAULT_REMEDIATION_FTE;
    assumptions.push(
      `Remediation staffing not answered: assumed ${DEFAULT_REMEDIATION_FTE} FTE (answer staffing.remediation_fte).`,
    );
  }
  let complianceFte = settings.complianceFte;
  if (complianceFte === undefined) {
    complianceFte = 0;
    assumptions.push('Compliance staffing not answered: assumed none (answer staffing.compliance_fte).');
  }
  const evidenceLoadFte = Math.max(0, MIN_EVIDENCE_FTE - complianceFte);
  if (evidenceLoadFte > 0) {
    assumptions.push(
      `Evidence work needs ${MIN_EVIDENCE_FTE} FTE; compliance staffing covers ${complianceFte}, so ${round(evidenceLoadFte)} FTE comes out of remediation time.`,
    );
  }
  const hoursPerWeek = Math.max(0, (remediationFte - evidenceLoadFte) * HOURS_PER_FTE_WEEK);
  return {
    remediationFte,
    complianceFte,
    evidenceLoadFte: round(evidenceLoadFte),
    hoursPerWeek: round(hoursPerWeek),
    hoursIn90Days: Math.round((hoursPerWeek * 90) / 7),
    assumptions,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

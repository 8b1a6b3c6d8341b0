// The demo's questionnaire answers: Ledgerline, a fictional ~40-person fintech selling a payments API,
// whose first SOC 2 Type II audit failed. A realistic mix: some controls in place, many gaps (stale
// vendor reports, 0.2 FTE on compliance, unreviewed infrastructure changes, an engineer who can ship
// their own changes, an old access review, an incident plan never tested) and a few "don't know"s.
// Dates are relative to the demo's date so the story reads the same whenever it runs.

import type { Answers } from '../questionnaire/types.js';
import { addDays, isoDay } from '../util/dates.js';

export function demoAnswers(asOf: Date): Answers {
  const daysAgo = (days: number) => isoDay(addDays(asOf, -days));
  // The window started about two months ago and lasts six months; the report is due six weeks after.
  const windowStart = daysAgo(60);
  const windowEnd = isoDay(addDays(windowStart, 182));

  return {
    'audit.firm_engaged': 'yes',
    'audit.firm_name': 'Halvorsen & Pike LLP',
    'audit.window_start': windowStart,
    'audit.window_end': windowEnd,
    'audit.target_report_date': isoDay(addDays(windowEnd, 45)),
    'audit.system_description': 'partial',

    'staffing.owner_named': 'yes',
    'staffing.compliance_owner': 'Dana Okafor, Head of Operations (alongside her main job)',
    'staffing.compliance_fte': 0.2,
    'staffing.remediation_fte': 1.5,

    'policies.written': 'yes',
    'policies.last_approved': daysAgo(430),
    'policies.acknowledged': 'partial',
    'policies.training': 'yes',
    'policies.training_last_completed': daysAgo(200),
    'policies.training_completion': 88,
    'policies.background_checks': 'some',

    'risk.assessment': 'partial',
    'risk.last_assessment': daysAgo(520),
    'risk.fraud_considered': 'unknown',
    'risk.last_pentest': daysAgo(240),

    'access.self_deploy_blocked': 'no',
    'access.bypass_people': 4,
    'access.bypass_reviewed': 'no',
    'access.review_frequency': 'quarterly',
    'access.last_review': daysAgo(243),
    'access.joiner_approval': 'yes',
    'access.leaver_removal': 'within_2_weeks',
    'access.mover_review': 'unknown',
    'access.saas_mfa': 'yes',

    'change.uses_iac': 'yes',
    'change.iac_reviewed': 'no',
    'change.applied_by_pipeline': 'partial',
    'change.branch_protection': 'partial',
    'change.tested_before_production': 'yes',
    'change.tickets_linked': 'partial',
    'change.rollback_documented': 'no',
    'change.emergency_process': 'no',

    'incident.plan': 'yes',
    'incident.last_test': 'never',
    'incident.on_call': 'yes',
    'incident.lessons_learned': 'partial',
    'incident.customer_notification': 'unknown',

    'continuity.plan': 'partial',
    'continuity.last_exercise': 'never',
    'continuity.backups': 'yes',
    'continuity.last_restore_test': daysAgo(300),
    'continuity.capacity_monitoring': 'yes',

    'vendors.inventory': 'partial',
    'vendors.list': [
      {
        name: 'Amazon Web Services',
        service: 'Hosts the payments API and its databases',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: daysAgo(75),
        bridge_letter: 'no',
        cuecs_reviewed: 'no',
      },
      {
        name: 'Microsoft Azure',
        service: 'Hosts the reconciliation service and staff identities',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: daysAgo(200),
        bridge_letter: 'no',
        cuecs_reviewed: 'partial',
      },
      {
        name: 'Cardvault Processing',
        service: 'Card acquiring and settlement',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: daysAgo(430),
        bridge_letter: 'no',
        cuecs_reviewed: 'no',
      },
      {
        name: 'Kestrel ID',
        service: 'Identity verification (KYC) for new merchants',
        customer_data: 'yes',
        soc2_report: 'no',
      },
      {
        name: 'Tallybird Support',
        service: 'Customer support tickets',
        customer_data: 'partial',
        soc2_report: 'unknown',
      },
      {
        name: 'Quillnote Wiki',
        service: 'Internal wiki',
        customer_data: 'no',
        soc2_report: 'no',
      },
    ],
    'vendors.contracts': 'partial',

    'evidence.collection': 'manual',
    'evidence.owners_and_location': 'no',
    'evidence.deficiencies_tracked': 'partial',
  };
}

// Every rule in questionnaires/*.yaml is tested here for a pass and a fail; a rule added to the YAML
// without a case below fails the first test.

import { describe, expect, it } from 'vitest';
import { evaluateAnswers, ruleCatalog } from '../../source/questionnaire/evaluate.js';
import type { Answers, ListItem, Rule } from '../../source/questionnaire/types.js';
import { AS_OF, daysAgo, shippedQuestionnaires } from './helpers.js';

const questionnaires = await shippedQuestionnaires();
const questions = questionnaires.flatMap((q) => q.questions);
const rules: Rule[] = questions.flatMap((q) => q.rules);

interface Case {
  pass: Answers;
  fail: Answers;
}

/** A yes/no question whose rule fails on no (or partial). */
const yesNo = (id: string, parents: Answers = {}): Case => ({
  pass: { ...parents, [id]: 'yes' },
  fail: { ...parents, [id]: 'no' },
});
const value = (id: string, pass: Answers[string], fail: Answers[string], parents: Answers = {}): Case => ({
  pass: { ...parents, [id]: pass },
  fail: { ...parents, [id]: fail },
});
const vendor = (parts: ListItem): ListItem => ({ name: 'Acme Pay', customer_data: 'yes', ...parts });
const vendors = (pass: ListItem, fail: ListItem): Case => ({
  pass: { 'vendors.list': [vendor(pass)] },
  fail: { 'vendors.list': [vendor(fail)] },
});

const CASES: Record<string, Case> = {
  'audit-firm-engaged': yesNo('audit.firm_engaged'),
  'audit-system-description': value('audit.system_description', 'yes', 'partial'),
  'staffing-compliance-owner': yesNo('staffing.owner_named'),
  // The brief's minimum: half a person.
  'staffing-compliance-capacity': value('staffing.compliance_fte', 0.5, 0.49),
  'policies-written': value('policies.written', 'yes', 'partial'),
  // Exactly 12 months is still within; a day more is not.
  'policies-approved-yearly': value('policies.last_approved', daysAgo(365), daysAgo(366), {
    'policies.written': 'yes',
  }),
  'policies-acknowledged': yesNo('policies.acknowledged'),
  'policies-security-training': yesNo('policies.training'),
  'policies-training-current': value('policies.training_last_completed', daysAgo(100), 'never', {
    'policies.training': 'yes',
  }),
  'policies-training-completion': value('policies.training_completion', 95, 94, {
    'policies.training': 'partial',
  }),
  'policies-background-checks': value('policies.background_checks', 'everyone', 'some'),
  'risk-assessment': yesNo('risk.assessment'),
  'risk-assessment-yearly': value('risk.last_assessment', daysAgo(30), daysAgo(400), {
    'risk.assessment': 'yes',
  }),
  'risk-fraud-considered': yesNo('risk.fraud_considered', { 'risk.assessment': 'yes' }),
  'risk-penetration-test': value('risk.last_pentest', daysAgo(200), 'never'),
  'access-cicd-segregation': value('access.self_deploy_blocked', 'yes', 'partial'),
  'access-bypass-reviewed': yesNo('access.bypass_reviewed', { 'access.bypass_people': 2 }),
  'access-review-frequency': value('access.review_frequency', 'quarterly', 'yearly'),
  'access-review-current': value('access.last_review', daysAgo(100), daysAgo(101), {
    'access.review_frequency': 'quarterly',
  }),
  'access-joiner-approval': yesNo('access.joiner_approval'),
  'access-leaver-removal': value('access.leaver_removal', 'within_3_days', 'within_2_weeks'),
  'access-mover-review': yesNo('access.mover_review'),
  'access-saas-mfa': value('access.saas_mfa', 'yes', 'partial'),
  'change-iac-peer-review': yesNo('change.iac_reviewed', { 'change.uses_iac': 'yes' }),
  'change-iac-pipeline-only': value('change.applied_by_pipeline', 'yes', 'partial', {
    'change.uses_iac': 'yes',
  }),
  'change-console-approval': yesNo('change.console_changes_approved', { 'change.uses_iac': 'no' }),
  'change-branch-protection': yesNo('change.branch_protection'),
  'change-testing': yesNo('change.tested_before_production'),
  'change-tickets-linked': yesNo('change.tickets_linked'),
  'change-rollback-procedure': yesNo('change.rollback_documented'),
  'change-emergency-process': yesNo('change.emergency_process'),
  'incident-response-plan': yesNo('incident.plan'),
  'incident-plan-tested': value('incident.last_test', daysAgo(10), daysAgo(400), { 'incident.plan': 'yes' }),
  'incident-on-call': yesNo('incident.on_call'),
  'incident-lessons-learned': yesNo('incident.lessons_learned'),
  'incident-customer-notification': yesNo('incident.customer_notification', { 'incident.plan': 'partial' }),
  'continuity-plan': yesNo('continuity.plan'),
  'continuity-plan-tested': value('continuity.last_exercise', daysAgo(30), 'never', {
    'continuity.plan': 'yes',
  }),
  'continuity-backups': yesNo('continuity.backups'),
  'continuity-restore-tested': value('continuity.last_restore_test', daysAgo(30), daysAgo(366), {
    'continuity.backups': 'yes',
  }),
  'continuity-capacity-monitoring': yesNo('continuity.capacity_monitoring'),
  'vendors-inventory': yesNo('vendors.inventory'),
  'vendors-soc2-report': vendors({ soc2_report: 'yes' }, { soc2_report: 'partial' }),
  'vendors-soc2-report-current': vendors(
    { soc2_report: 'yes', report_period_end: daysAgo(365) },
    { soc2_report: 'yes', report_period_end: daysAgo(366) },
  ),
  'vendors-bridge-letter': vendors(
    { soc2_report: 'yes', report_period_end: daysAgo(120), bridge_letter: 'yes' },
    { soc2_report: 'yes', report_period_end: daysAgo(120), bridge_letter: 'no' },
  ),
  'vendors-cuecs-reviewed': vendors(
    { soc2_report: 'yes', cuecs_reviewed: 'yes' },
    { soc2_report: 'yes', cuecs_reviewed: 'partial' },
  ),
  'vendors-contract-terms': yesNo('vendors.contracts'),
  'evidence-automated': value('evidence.collection', 'partly', 'manual'),
  'evidence-owners': yesNo('evidence.owners_and_location'),
  'evidence-deficiencies-tracked': yesNo('evidence.deficiencies_tracked'),
};

function findingsOf(ruleId: string, answers: Answers) {
  return evaluateAnswers(questionnaires, answers, AS_OF).filter((f) => f.checkId === ruleId);
}

describe('questionnaire rules', () => {
  it('has a pass and a fail case for every rule, and no case for a rule that is gone', () => {
    expect(Object.keys(CASES).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  describe.each(rules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    const testCase = CASES[id] ?? { pass: {}, fail: {} };

    it('passes on its pass answers, with a filled-in reason', () => {
      const findings = findingsOf(id, testCase.pass);
      expect(findings.map((f) => f.status)).toEqual(['PASS']);
      expect(findings[0]?.reason).not.toMatch(/[{}]|not given/);
      expect(findings[0]).toMatchObject({
        source: 'questionnaire',
        severity: rule.severity,
        criteria: rule.criteria,
      });
    });

    it('fails on its fail answers, with a filled-in reason', () => {
      const findings = findingsOf(id, testCase.fail);
      expect(findings.map((f) => f.status)).toEqual(['FAIL']);
      expect(findings[0]?.reason).not.toMatch(/[{}]|not given/);
      expect(findings[0]?.evidencedSince).toBeUndefined();
    });

    it("is UNKNOWN, never PASS, when unanswered or answered 'unknown'", () => {
      const unanswered = { ...testCase.fail };
      delete unanswered[rule.question];
      expect(findingsOf(id, unanswered)).toMatchObject([{ status: 'UNKNOWN', reason: /^Not answered yet/ }]);
      const dontKnow = { ...testCase.fail, [rule.question]: 'unknown' };
      expect(findingsOf(id, dontKnow)).toMatchObject([{ status: 'UNKNOWN', reason: /you don't know/ }]);
    });

    if (rule.evidencedSinceFrom) {
      it('carries the last occurrence and how often it must recur when it passes', () => {
        const [finding] = findingsOf(id, testCase.pass);
        expect(finding?.recurrence?.lastOccurred).toBe(testCase.pass[rule.evidencedSinceFrom ?? '']);
        expect(finding?.recurrence?.everyDays).toBeGreaterThan(0);
      });
    }
  });
});

describe('recurring controls', () => {
  it("fail when the occurrence is 'never' and then claim no evidence", () => {
    const [finding] = findingsOf('incident-plan-tested', {
      'incident.plan': 'yes',
      'incident.last_test': 'never',
    });
    expect(finding).toMatchObject({
      status: 'FAIL',
      reason: expect.stringContaining('last test: never') as string,
    });
    expect(finding?.evidencedSince).toBeUndefined();
    expect(finding?.recurrence).toBeUndefined();
  });

  it("read well when the answer is 'never', for every date question that allows it", () => {
    const neverRules = rules.filter((r) => questions.find((q) => q.id === r.question)?.allowNever);
    expect(neverRules.length).toBeGreaterThanOrEqual(5);
    for (const rule of neverRules) {
      const answers = { ...CASES[rule.id]?.fail, [rule.question]: 'never' };
      const [finding] = findingsOf(rule.id, answers);
      expect(finding?.status, rule.id).toBe('FAIL');
      expect(finding?.reason, rule.id).toMatch(/: never\)/);
    }
  });

  it('only the rule naming the date carries the occurrence, not the frequency question', () => {
    const findings = evaluateAnswers(
      questionnaires,
      { 'access.review_frequency': 'quarterly', 'access.last_review': daysAgo(20) },
      AS_OF,
    );
    const byId = new Map(findings.map((f) => [f.checkId, f]));
    expect(byId.get('access-review-frequency')?.recurrence).toBeUndefined();
    expect(byId.get('access-review-current')?.recurrence).toEqual({
      lastOccurred: daysAgo(20),
      everyDays: 100,
    });
  });
});

describe('ruleCatalog', () => {
  it('gives the plan one ControlMeta per rule, with effort and owner and nothing engine-internal', () => {
    const catalog = ruleCatalog(questionnaires);
    expect(catalog.map((c) => c.id)).toEqual(rules.map((r) => r.id));
    const segregation = catalog.find((c) => c.id === 'access-cicd-segregation');
    expect(segregation).toMatchObject({
      severity: 'high',
      owner: 'Engineering manager',
      criteria: ['CC8.1', 'CC6.3'],
    });
    expect(Object.keys(segregation ?? {})).not.toContain('failIf');
    expect(catalog.find((c) => c.id === 'vendors-bridge-letter')?.dependsOn).toEqual([
      'vendors-soc2-report-current',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateAnswers, ORGANIZATION } from '../../source/questionnaire/evaluate.js';
import type { Answers, ListItem } from '../../source/questionnaire/types.js';
import { AS_OF, daysAgo, shippedQuestionnaires } from './helpers.js';

const questionnaires = await shippedQuestionnaires();
const VENDOR_RULES = [
  'vendors-soc2-report',
  'vendors-soc2-report-current',
  'vendors-bridge-letter',
  'vendors-cuecs-reviewed',
];

function vendorFindings(items: ListItem[] | 'unknown') {
  return evaluateAnswers(questionnaires, { 'vendors.list': items }, AS_OF).filter((f) =>
    VENDOR_RULES.includes(f.checkId),
  );
}

const status = (findings: ReturnType<typeof vendorFindings>, rule: string, resource: string) =>
  findings.find((f) => f.checkId === rule && f.resourceId === resource)?.status;

describe('vendor list', () => {
  it('gives each vendor its own findings, named by the vendor', () => {
    const findings = vendorFindings([
      {
        name: 'Stripe-like',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: daysAgo(30),
        cuecs_reviewed: 'yes',
      },
      { name: 'Kyc Co', customer_data: 'yes', soc2_report: 'no' },
    ]);
    expect(status(findings, 'vendors-soc2-report', 'vendor:Stripe-like')).toBe('PASS');
    expect(status(findings, 'vendors-soc2-report', 'vendor:Kyc Co')).toBe('FAIL');
    const failing = findings.find((f) => f.resourceId === 'vendor:Kyc Co');
    expect(failing).toMatchObject({
      resourceName: 'Kyc Co',
      reason: expect.stringContaining('Kyc Co') as string,
    });
    // No report: its date, bridge letter and CUECs are not assessed on their own.
    expect(findings.filter((f) => f.resourceId === 'vendor:Kyc Co').map((f) => f.checkId)).toEqual([
      'vendors-soc2-report',
    ]);
  });

  it('does not ask for a report from a vendor that never touches customer data', () => {
    const findings = vendorFindings([{ name: 'Wiki', customer_data: 'no', soc2_report: 'no' }]);
    expect(findings).toEqual([]);
  });

  it('assesses a vendor whose access to customer data is unknown, rather than skipping it', () => {
    const findings = vendorFindings([{ name: 'Helpdesk', customer_data: 'unknown', soc2_report: 'no' }]);
    expect(status(findings, 'vendors-soc2-report', 'vendor:Helpdesk')).toBe('FAIL');
  });

  it('needs a bridge letter only once the report period ended more than ~3 months ago', () => {
    const recent = vendorFindings([
      {
        name: 'A',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: daysAgo(60),
        bridge_letter: 'no',
      },
    ]);
    expect(status(recent, 'vendors-bridge-letter', 'vendor:A')).toBeUndefined();
    const older = vendorFindings([
      {
        name: 'A',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: daysAgo(91),
        bridge_letter: 'no',
      },
    ]);
    expect(status(older, 'vendors-bridge-letter', 'vendor:A')).toBe('FAIL');
  });

  it('fails a report older than 12 months even with a bridge letter', () => {
    const findings = vendorFindings([
      {
        name: 'A',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: daysAgo(500),
        bridge_letter: 'yes',
      },
    ]);
    expect(status(findings, 'vendors-soc2-report-current', 'vendor:A')).toBe('FAIL');
    expect(status(findings, 'vendors-bridge-letter', 'vendor:A')).toBe('PASS');
  });

  it('is UNKNOWN per vendor, naming the field, when a needed field is missing or unknown', () => {
    const findings = vendorFindings([
      { name: 'A', customer_data: 'yes', soc2_report: 'yes' },
      { name: 'B', customer_data: 'yes', soc2_report: 'unknown' },
    ]);
    const a = findings.find(
      (f) => f.checkId === 'vendors-soc2-report-current' && f.resourceId === 'vendor:A',
    );
    expect(a).toMatchObject({
      status: 'UNKNOWN',
      reason: expect.stringMatching(/^Not answered yet for vendor A: .*period end/) as string,
    });
    // B's report status is unknown, so every report-based rule is UNKNOWN for the same reason.
    const b = findings.filter((f) => f.resourceId === 'vendor:B');
    expect(b.map((f) => f.status)).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
    for (const f of b)
      expect(f.reason).toMatch(/don't know, for vendor B: Do you have their SOC 2 Type II report/);
  });

  it('ignores fields hidden by the answers (a date given for a report that is not on file)', () => {
    const findings = vendorFindings([
      { name: 'A', customer_data: 'yes', soc2_report: 'no', report_period_end: daysAgo(900) },
    ]);
    expect(findings.map((f) => f.checkId)).toEqual(['vendors-soc2-report']);
  });

  it("gives one organisation-level UNKNOWN per rule for an unanswered or 'unknown' list, and nothing for an empty one", () => {
    const unknown = vendorFindings('unknown');
    expect(unknown.map((f) => [f.status, f.resourceId])).toEqual(
      VENDOR_RULES.map(() => ['UNKNOWN', ORGANIZATION]),
    );
    expect(vendorFindings([])).toEqual([]);
  });
});

describe('evaluateAnswers', () => {
  it('reports every visible rule when nothing is answered, all UNKNOWN "not answered yet"', () => {
    const findings = evaluateAnswers(questionnaires, {}, AS_OF);
    expect(findings.length).toBeGreaterThan(20);
    for (const f of findings) {
      expect(f).toMatchObject({ status: 'UNKNOWN', resourceId: ORGANIZATION, source: 'questionnaire' });
      expect(f.reason).toMatch(/^Not answered yet: /);
    }
  });

  it('treats an answer of the wrong type (a stale saved answer) as UNKNOWN, never as a pass', () => {
    const answers: Answers = { 'staffing.compliance_fte': 'lots', 'policies.background_checks': 'maybe' };
    const findings = evaluateAnswers(questionnaires, answers, AS_OF);
    for (const id of ['staffing-compliance-capacity', 'policies-background-checks'])
      expect(findings.find((f) => f.checkId === id)).toMatchObject({
        status: 'UNKNOWN',
        reason: /cannot be used/,
      });
  });

  it('measures ages from the assessment date, accepting a full timestamp', () => {
    const answers: Answers = { 'risk.last_pentest': '2025-11-01' };
    const at = (asOf: string) =>
      evaluateAnswers(questionnaires, answers, asOf).find((f) => f.checkId === 'risk-penetration-test');
    expect(at('2026-11-01T09:00:00Z')?.status).toBe('PASS');
    expect(at('2026-11-02T09:00:00Z')?.status).toBe('FAIL');
    expect(at('2026-11-01')?.reason).toBe('The last penetration test was on 2025-11-01, 365 days ago.');
  });

  it('writes choice labels into reasons', () => {
    const findings = evaluateAnswers(questionnaires, { 'access.leaver_removal': 'no_process' }, AS_OF);
    expect(findings.find((f) => f.checkId === 'access-leaver-removal')?.reason).toBe(
      'Leavers keep their access for too long: There is no set process.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { demoAnswers } from '../../source/demo/answers.js';
import { exportAnswers, parseAnswers } from '../../source/questionnaire/answers.js';
import { evaluateAnswers } from '../../source/questionnaire/evaluate.js';
import { planningInputs } from '../../source/questionnaire/planning.js';
import { validateAnswer } from '../../source/questionnaire/values.js';
import { visibleQuestions } from '../../source/questionnaire/visibility.js';
import { daysBetween } from '../../source/util/dates.js';
import { shippedQuestionnaires } from './helpers.js';

const questionnaires = await shippedQuestionnaires();
const AS_OF = new Date('2026-11-01T12:00:00Z');
const answers = demoAnswers(AS_OF);
const findings = evaluateAnswers(questionnaires, answers, AS_OF.toISOString());
const statusOf = (rule: string, resource = 'organization') =>
  findings.find((f) => f.checkId === rule && f.resourceId === resource)?.status;

describe('demo answers (Ledgerline)', () => {
  it('validate against the questionnaires, and survive export and import', () => {
    const questions = new Map(questionnaires.flatMap((q) => q.questions).map((q) => [q.id, q]));
    for (const [id, value] of Object.entries(answers)) {
      const question = questions.get(id);
      expect(question, id).toBeDefined();
      if (question) expect(validateAnswer(question, value), id).toBeUndefined();
    }
    expect(parseAnswers(exportAnswers(answers), 'demo.yaml', questionnaires)).toEqual(answers);
  });

  it('answer every question they are shown, leaving no hidden answers behind', () => {
    const visible = visibleQuestions(questionnaires, answers).map((q) => q.id);
    expect(visible.filter((id) => answers[id] === undefined)).toEqual([]);
    expect(Object.keys(answers).filter((id) => !visible.includes(id))).toEqual([]);
  });

  it('produce passes, many gaps and a few unknowns', () => {
    const count = (status: string) => findings.filter((f) => f.status === status).length;
    expect(count('PASS')).toBeGreaterThanOrEqual(10);
    expect(count('FAIL')).toBeGreaterThan(count('PASS'));
    expect(count('UNKNOWN')).toBeGreaterThanOrEqual(3);
  });

  it('tell the failed-audit story the brief describes', () => {
    expect(statusOf('staffing-compliance-capacity')).toBe('FAIL');
    expect(statusOf('change-iac-peer-review')).toBe('FAIL');
    expect(statusOf('access-cicd-segregation')).toBe('FAIL');
    expect(statusOf('access-review-current')).toBe('FAIL');
    expect(statusOf('incident-plan-tested')).toBe('FAIL');
    expect(statusOf('evidence-automated')).toBe('FAIL');
    expect(statusOf('vendors-soc2-report', 'vendor:Kestrel ID')).toBe('FAIL');
    expect(statusOf('vendors-soc2-report-current', 'vendor:Cardvault Processing')).toBe('FAIL');
    expect(statusOf('vendors-bridge-letter', 'vendor:Microsoft Azure')).toBe('FAIL');
    expect(statusOf('vendors-soc2-report', 'vendor:Tallybird Support')).toBe('UNKNOWN');
    expect(statusOf('continuity-restore-tested')).toBe('PASS');
  });

  it('give the plan a six-month window that started two months ago, and the staffing figures', () => {
    const inputs = planningInputs(answers);
    expect(inputs).toMatchObject({ complianceFte: 0.2, remediationFte: 1.5 });
    expect(daysBetween(inputs.windowStart ?? '', AS_OF)).toBe(60);
    expect(daysBetween(inputs.windowStart ?? '', inputs.windowEnd ?? '')).toBe(182);
    expect(daysBetween(inputs.windowEnd ?? '', inputs.targetReportDate ?? '')).toBeGreaterThan(0);
  });

  it('carry dated evidence for recurring controls that passed', () => {
    const restore = findings.find((f) => f.checkId === 'continuity-restore-tested');
    expect(restore?.recurrence).toEqual({
      lastOccurred: answers['continuity.last_restore_test'],
      everyDays: 365,
    });
  });
});

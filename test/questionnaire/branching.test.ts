import { describe, expect, it } from 'vitest';
import { evaluateAnswers } from '../../source/questionnaire/evaluate.js';
import { isFieldVisible, isVisible, visibleQuestions } from '../../source/questionnaire/visibility.js';
import type { Question } from '../../source/questionnaire/types.js';
import { AS_OF, daysAgo, shippedQuestionnaires } from './helpers.js';

const questionnaires = await shippedQuestionnaires();
const questions = questionnaires.flatMap((q) => q.questions);
const question = (id: string): Question => {
  const found = questions.find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};
const visibleIds = (answers: Parameters<typeof visibleQuestions>[1]) =>
  new Set(visibleQuestions(questionnaires, answers).map((q) => q.id));

describe('isVisible', () => {
  it('shows a follow-up only when its parent is answered the matching way', () => {
    const iacReview = question('change.iac_reviewed');
    expect(isVisible(iacReview, { 'change.uses_iac': 'yes' })).toBe(true);
    expect(isVisible(iacReview, { 'change.uses_iac': 'partial' })).toBe(true);
    expect(isVisible(iacReview, { 'change.uses_iac': 'no' })).toBe(false);
    expect(isVisible(iacReview, {})).toBe(false);
    // "I don't know" whether there is IaC: do not ask how IaC changes are reviewed.
    expect(isVisible(iacReview, { 'change.uses_iac': 'unknown' })).toBe(false);
  });

  it('branches on numbers, and on "not in" for choices', () => {
    const bypass = question('access.bypass_reviewed');
    expect(isVisible(bypass, { 'access.bypass_people': 0 })).toBe(false);
    expect(isVisible(bypass, { 'access.bypass_people': 3 })).toBe(true);
    const lastReview = question('access.last_review');
    expect(isVisible(lastReview, { 'access.review_frequency': 'never' })).toBe(false);
    expect(isVisible(lastReview, { 'access.review_frequency': 'yearly' })).toBe(true);
  });

  it('always shows questions without show_if', () => {
    expect(isVisible(question('audit.window_start'), {})).toBe(true);
  });
});

describe('visibleQuestions', () => {
  it('asks the IaC questions or the console question depending on the answer', () => {
    const withIac = visibleIds({ 'change.uses_iac': 'yes' });
    expect(withIac.has('change.iac_reviewed')).toBe(true);
    expect(withIac.has('change.console_changes_approved')).toBe(false);
    const withoutIac = visibleIds({ 'change.uses_iac': 'no' });
    expect(withoutIac.has('change.iac_reviewed')).toBe(false);
    expect(withoutIac.has('change.console_changes_approved')).toBe(true);
  });

  it('keeps every question in file order', () => {
    const all = visibleQuestions(questionnaires, { 'change.uses_iac': 'partial' }).map((q) => q.id);
    expect(all.indexOf('audit.window_start')).toBeLessThan(all.indexOf('staffing.compliance_fte'));
    expect(all.indexOf('change.uses_iac')).toBeLessThan(all.indexOf('change.iac_reviewed'));
  });
});

describe('hidden questions', () => {
  it('yield no findings, even with a stale answer left behind', () => {
    const answers = { 'incident.plan': 'no', 'incident.last_test': daysAgo(900) };
    const ids = evaluateAnswers(questionnaires, answers, AS_OF).map((f) => f.checkId);
    expect(ids).toContain('incident-response-plan');
    expect(ids).not.toContain('incident-plan-tested');
  });

  it('yield nothing while their parent is unanswered; the parent is UNKNOWN instead', () => {
    const findings = evaluateAnswers(questionnaires, {}, AS_OF);
    expect(findings.find((f) => f.checkId === 'incident-plan-tested')).toBeUndefined();
    expect(findings.find((f) => f.checkId === 'incident-response-plan')?.status).toBe('UNKNOWN');
  });
});

describe('isFieldVisible', () => {
  it("asks for a vendor report's date, bridge letter and CUECs only when there is a report", () => {
    const fields = question('vendors.list').item ?? [];
    const asked = (item: Record<string, string>) =>
      fields.filter((f) => isFieldVisible(f, item)).map((f) => f.id);
    expect(asked({ name: 'A', soc2_report: 'no' })).toEqual([
      'name',
      'service',
      'customer_data',
      'soc2_report',
    ]);
    expect(asked({ name: 'A', soc2_report: 'yes' })).toContain('report_period_end');
    expect(asked({ name: 'A', soc2_report: 'yes' })).toContain('cuecs_reviewed');
  });
});

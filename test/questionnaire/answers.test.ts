import { describe, expect, it } from 'vitest';
import { exportAnswers, parseAnswers } from '../../source/questionnaire/answers.js';
import { planningInputs } from '../../source/questionnaire/planning.js';
import type { Answers, Question } from '../../source/questionnaire/types.js';
import { choicesFor, validateAnswer } from '../../source/questionnaire/values.js';
import type { InputError } from '../../source/util/errors.js';
import { expectInputError, lineContaining, shippedQuestionnaires } from './helpers.js';

const questionnaires = await shippedQuestionnaires();
const question = (id: string): Question => {
  const found = questionnaires.flatMap((q) => q.questions).find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};

describe('parseAnswers', () => {
  it('reads YAML answers of every type', () => {
    const text = `
audit.window_start: 2026-09-01
staffing.compliance_fte: 0.5
change.uses_iac: partial
access.leaver_removal: same_day
staffing.compliance_owner: '  Dana, Head of Ops  '
incident.last_test: never
vendors.list:
  - name: AWS
    customer_data: yes
    report_period_end: 2026-06-30
`;
    expect(parseAnswers(text, 'answers.yaml', questionnaires)).toEqual({
      'audit.window_start': '2026-09-01',
      'staffing.compliance_fte': 0.5,
      'change.uses_iac': 'partial',
      'access.leaver_removal': 'same_day',
      'staffing.compliance_owner': 'Dana, Head of Ops',
      'incident.last_test': 'never',
      'vendors.list': [{ name: 'AWS', customer_data: 'yes', report_period_end: '2026-06-30' }],
    });
  });

  it('reads JSON, taking true/false for yes/no, and treats empty values as not answered', () => {
    const json = JSON.stringify({
      'change.uses_iac': true,
      'access.saas_mfa': false,
      'audit.firm_name': null,
      'vendors.list': [{ name: 'Azure', soc2_report: true }],
    });
    expect(parseAnswers(json, 'answers.json', questionnaires)).toEqual({
      'change.uses_iac': 'yes',
      'access.saas_mfa': 'no',
      'vendors.list': [{ name: 'Azure', soc2_report: 'yes' }],
    });
    expect(parseAnswers('', 'empty.yaml', questionnaires)).toEqual({});
  });

  it('lists every problem, each with its line, and points the error at the first', () => {
    const text = `change.uses_iac: yes
audit.window_sart: 2026-09-01
staffing.compliance_fte: half
audit.window_end: 2026-02-30
access.leaver_removal: eventually
staffing.remediation_fte: -1
`;
    const error = expectInputError(
      () => parseAnswers(text, 'answers.yaml', questionnaires),
      'answers.yaml',
      2,
      /5 problems in the answers/,
    );
    expect(error.message).toContain("line 2: unknown question 'audit.window_sart'");
    expect(error.message).toContain('line 3: staffing.compliance_fte: Enter a number.');
    expect(error.message).toContain('line 4: audit.window_end: Enter a date as YYYY-MM-DD.');
    expect(error.message).toMatch(/line 5: access.leaver_removal: Choose one of: same_day, .*unknown/);
    expect(error.message).toContain('line 6: staffing.remediation_fte: Enter a number of at least 0.');
    expect(error.describe()).toMatch(/^answers.yaml:2: 5 problems/);
  });

  it('points list problems at the entry field, and catches duplicate vendors', () => {
    const text = `vendors.list:
  - name: AWS
    soc2_report: perhaps
  - name: AWS
    report_period_end: soon
  - service: no name
    colour: blue
`;
    let error: InputError | undefined;
    try {
      parseAnswers(text, 'a.yaml', questionnaires);
    } catch (e) {
      error = e as InputError;
    }
    const message = error?.message ?? '';
    expect(message).toContain(
      `line ${lineContaining(text, 'perhaps')}: vendors.list entry 1: soc2_report: Choose one of`,
    );
    expect(message).toContain(
      `line ${lineContaining(text, 'soon')}: vendors.list entry 2: report_period_end: Enter a date`,
    );
    expect(message).toContain("vendors.list entry 2: 'AWS' is listed twice.");
    expect(message).toContain(
      `line ${lineContaining(text, 'colour')}: vendors.list entry 3: Unknown field 'colour'`,
    );
    expect(message).toContain('vendors.list entry 3: Every entry needs its name.');
  });

  it('rejects a file that is not an object of answers, and bad syntax, with the line', () => {
    expectInputError(
      () => parseAnswers('- a\n- b\n', 'a.yaml', questionnaires),
      'a.yaml',
      1,
      /must be an object/,
    );
    expectInputError(
      () => parseAnswers('{"change.uses_iac": "yes",\n', 'a.json', questionnaires),
      'a.json',
      2,
      /invalid YAML/,
    );
  });
});

describe('exportAnswers', () => {
  it('writes YAML that parseAnswers reads back unchanged, keys sorted', () => {
    const answers: Answers = {
      'vendors.list': [{ name: '1234', customer_data: 'yes', report_period_end: '2026-06-30' }],
      'audit.window_start': '2026-09-01',
      'change.uses_iac': 'no',
      'staffing.compliance_fte': 0.2,
      'staffing.compliance_owner': 'true',
      'incident.last_test': 'never',
      'risk.fraud_considered': 'unknown',
    };
    const text = exportAnswers(answers);
    expect(text.indexOf('audit.window_start')).toBeLessThan(text.indexOf('vendors.list'));
    expect(parseAnswers(text, 'export.yaml', questionnaires)).toEqual(answers);
  });
});

describe('validateAnswer', () => {
  it('accepts valid answers and "unknown" for every type', () => {
    expect(validateAnswer(question('change.uses_iac'), 'partial')).toBeUndefined();
    expect(validateAnswer(question('staffing.compliance_fte'), 0)).toBeUndefined();
    expect(validateAnswer(question('audit.window_start'), '2024-02-29')).toBeUndefined();
    for (const id of [
      'change.uses_iac',
      'staffing.compliance_fte',
      'audit.window_start',
      'vendors.list',
      'access.leaver_removal',
    ])
      expect(validateAnswer(question(id), 'unknown'), id).toBeUndefined();
  });

  it('explains what is wrong in plain words', () => {
    expect(validateAnswer(question('staffing.compliance_fte'), 60)).toBe('Enter a number no larger than 50.');
    expect(validateAnswer(question('audit.window_start'), '2025-02-29')).toBe('Enter a date as YYYY-MM-DD.');
    expect(validateAnswer(question('audit.window_start'), 'never')).toBe('Enter a date as YYYY-MM-DD.');
    expect(validateAnswer(question('incident.last_test'), 'last year')).toBe(
      "Enter a date as YYYY-MM-DD, or 'never'.",
    );
    expect(validateAnswer(question('audit.firm_name'), '   ')).toBe('Enter some text.');
    expect(validateAnswer(question('vendors.list'), [{ name: 'A' }, { service: 'x' }])).toBe(
      'entry 2: Every entry needs its name.',
    );
  });

  it('offers the choices with plain labels and "I don\'t know" last', () => {
    expect(choicesFor(question('change.uses_iac')).map((c) => c.label)).toEqual([
      'Yes',
      'No',
      'Partly',
      "I don't know",
    ]);
    const leavers = choicesFor(question('access.leaver_removal'));
    expect(leavers[0]).toEqual({ value: 'same_day', label: 'On their last day' });
    expect(leavers.at(-1)?.value).toBe('unknown');
  });
});

describe('planningInputs', () => {
  it('reads the fixed planning questions and leaves out unknown or invalid ones', () => {
    expect(
      planningInputs({
        'audit.window_start': '2026-09-01',
        'audit.window_end': '2027-02-28',
        'audit.target_report_date': 'unknown',
        'staffing.compliance_fte': 0.2,
        'staffing.remediation_fte': 1.5,
      }),
    ).toEqual({
      windowStart: '2026-09-01',
      windowEnd: '2027-02-28',
      complianceFte: 0.2,
      remediationFte: 1.5,
    });
    expect(planningInputs({ 'audit.window_start': 'soon', 'staffing.compliance_fte': -1 })).toEqual({});
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadQuestionnaires,
  orderFiles,
  parseQuestionnaire,
  parseQuestionnaireSet,
  SECTION_FILE_ORDER,
} from '../../source/questionnaire/load.js';
import { PLANNING_QUESTIONS } from '../../source/questionnaire/planning.js';
import { expectInputError, lineContaining, shippedQuestionnaires } from './helpers.js';

const BASE = `id: demo
title: Demo
intro: A small questionnaire.
questions:
  - id: demo.has_plan
    text: Is there a plan?
    help: Why it matters.
    type: yesno
    criteria: [CC7.4]
    rules:
      - id: demo-plan
        title: A plan exists
        severity: high
        fail_if: { in: [no] }
        pass: There is a plan ({answer}).
        fail: There is no plan.
        risk: Things go wrong.
        remediation: { summary: Write one. }
        effort: { baseHours: 1, perResourceHours: 0, maxHours: 1 }
        owner: Security engineer
        evidence: The plan.
  - id: demo.tested
    text: When was it tested?
    help: Yearly.
    type: date
    show_if: { question: demo.has_plan, equals: 'yes' }
    criteria: [CC7.4]
  - id: demo.vendors
    text: Vendors?
    help: Each one.
    type: list
    resource_prefix: vendor
    criteria: [CC9.2]
    item:
      - { id: name, text: Name, type: text }
      - { id: report, text: Report?, type: yesno }
      - { id: report_end, text: Period end, type: date, show_if: { field: report, equals: 'yes' } }
`;

/** BASE with one exact piece of text replaced (the test fails if the piece is missing). */
function variant(find: string, replace: string): string {
  if (!BASE.includes(find)) throw new Error(`not in BASE: ${find}`);
  return BASE.replace(find, replace);
}

function expectBad(text: string, marker: string, message: RegExp) {
  return expectInputError(
    () => parseQuestionnaire(text, 'bad.yaml'),
    'bad.yaml',
    lineContaining(text, marker),
    message,
  );
}

const VENDOR_RULE = (fields: string, id = 'demo-vendor-report') => `    rules:
      - id: ${id}
        title: Vendor report
        severity: medium
${fields}
        pass: ok
        fail: not ok
        risk: r
        remediation: { summary: s }
        effort: { baseHours: 1, perResourceHours: 1, maxHours: 2 }
        owner: Compliance lead
        evidence: e
`;

describe('parseQuestionnaire', () => {
  it('reads a valid file into questions, options, branching, list fields and rules', () => {
    const q = parseQuestionnaire(BASE, 'good.yaml');
    expect(q).toMatchObject({ id: 'demo', title: 'Demo', file: 'good.yaml' });
    expect(q.questions.map((x) => x.id)).toEqual(['demo.has_plan', 'demo.tested', 'demo.vendors']);
    expect(q.questions[1]?.showIf).toEqual({
      kind: 'leaf',
      question: 'demo.has_plan',
      test: { op: 'equals', value: 'yes' },
    });
    expect(q.questions[2]?.item?.map((f) => f.id)).toEqual(['name', 'report', 'report_end']);
    const rule = q.questions[0]?.rules[0];
    expect(rule).toMatchObject({ id: 'demo-plan', question: 'demo.has_plan', criteria: ['CC7.4'], line: 11 });
  });

  it('rejects bad YAML syntax, and duplicate keys, with the line', () => {
    expectBad(
      variant('text: When was it tested?', 'text: When: was it tested?'),
      'When: was',
      /invalid YAML/,
    );
    expectBad(
      variant('    help: Yearly.\n', '    help: Yearly.\n    help: Twice.\n'),
      'help: Twice',
      /keys must be unique/,
    );
  });

  it('rejects an unknown question type', () => {
    expectBad(variant('type: date', 'type: calendar'), 'type: calendar', /unknown type 'calendar'/);
  });

  it('rejects an unknown criterion id', () => {
    expectBad(variant('criteria: [CC9.2]', 'criteria: [CC9.9]'), 'CC9.9', /unknown criterion 'CC9.9'/);
  });

  it('rejects show_if on an unknown question, and on a later one', () => {
    expectBad(
      variant('question: demo.has_plan, equals', 'question: demo.nope, equals'),
      'demo.nope',
      /unknown question 'demo.nope'/,
    );
    const later = variant('question: demo.has_plan, equals', 'question: demo.vendors, equals');
    expectBad(later, 'question: demo.vendors', /must come earlier/);
  });

  it('rejects duplicate question ids and duplicate rule ids', () => {
    const sameId = variant('  - id: demo.tested', '  - id: demo.has_plan');
    expectInputError(
      () => parseQuestionnaire(sameId, 'bad.yaml'),
      'bad.yaml',
      lineContaining(sameId, 'text: When was it tested?') - 1,
      /duplicate question id 'demo.has_plan'/,
    );
    const twice = BASE + VENDOR_RULE("        fail_if: { field: report, equals: 'no' }", 'demo-plan');
    expectInputError(
      () => parseQuestionnaire(twice, 'bad.yaml'),
      'bad.yaml',
      lineContaining(twice, "fail_if: { field: report, equals: 'no' }") - 3,
      /rule id 'demo-plan' is used twice/,
    );
  });

  it('rejects unknown keys (typos) and missing required keys', () => {
    expectBad(variant('    show_if:', '    show-if:'), 'show-if', /unknown key 'show-if'/);
    expectBad(variant('    help: Yearly.\n', ''), '  - id: demo.tested', /missing 'help'/);
  });

  it('rejects question ids outside the section or not in lowercase with underscores', () => {
    expectBad(variant('id: demo.tested', 'id: other.tested'), 'other.tested', /must be 'demo.<name>'/);
    expectBad(variant('id: demo.tested', 'id: demo.Tested'), 'demo.Tested', /lowercase/);
  });

  it('rejects rule conditions that can never match the question', () => {
    expectBad(variant('fail_if: { in: [no] }', 'fail_if: { in: [maybe] }'), 'maybe', /can never be 'maybe'/);
    expectBad(
      variant('fail_if: { in: [no] }', 'fail_if: { less_than: 2 }'),
      'less_than',
      /needs a number question/,
    );
    expectBad(
      variant('fail_if: { in: [no] }', 'fail_if: { in: [no, unknown] }'),
      'unknown]',
      /always assessed as UNKNOWN/,
    );
    expectBad(
      variant('fail_if: { in: [no] }', 'fail_if: { in: [no], equals: yes }'),
      'fail_if',
      /exactly one of/,
    );
  });

  it('rejects older_than_days in show_if, which has no assessment date', () => {
    const text = variant(
      "show_if: { question: demo.has_plan, equals: 'yes' }",
      'show_if: { question: demo.has_plan, older_than_days: 3 }',
    );
    expectBad(text, 'older_than_days: 3', /cannot use it/);
  });

  it('rejects bad rule metadata: severity, owner, effort, placeholders', () => {
    expectBad(variant('severity: high', 'severity: urgent'), 'urgent', /unknown severity/);
    expectBad(variant('owner: Security engineer', 'owner: Intern'), 'Intern', /unknown owner/);
    expectBad(
      variant('maxHours: 1 }', 'maxHours: 0.5 }'),
      'maxHours: 0.5',
      /maxHours must be at least baseHours/,
    );
    expectBad(
      variant('There is a plan ({answer})', 'There is a plan ({answr})'),
      '{answr}',
      /unknown placeholder \{answr\}/,
    );
  });

  it('rejects evidenced_since that names no date question', () => {
    const text = variant(
      '        evidence: The plan.\n',
      '        evidence: The plan.\n        evidenced_since: demo.has_plan\n',
    );
    expectBad(text, 'evidenced_since', /must name a date question/);
  });

  it('checks list questions: a text naming field, and rules on real fields', () => {
    expectBad(
      variant('- { id: name, text: Name, type: text }', '- { id: name, text: Name, type: number }'),
      'id: name,',
      /names the item and must be text/,
    );
    expectBad(
      variant('    resource_prefix: vendor\n', ''),
      '  - id: demo.vendors',
      /missing 'resource_prefix'/,
    );
    const noField = BASE + VENDOR_RULE('        fail_if: { field: nope, in: [no] }');
    expectBad(noField, 'field: nope', /must name a `field`/);
    const ownAnswer = BASE + VENDOR_RULE("        fail_if: { equals: 'no' }");
    expectBad(ownAnswer, "fail_if: { equals: 'no' }", /must name a `field`/);
    const ok = parseQuestionnaire(
      BASE + VENDOR_RULE('        fail_if: { field: report, in: [no] }'),
      'ok.yaml',
    );
    expect(ok.questions[2]?.rules[0]?.failIf).toMatchObject({ field: 'report' });
  });

  it('rejects aliases and options outside choice questions', () => {
    expectBad(variant('criteria: [CC9.2]', 'criteria: *crit'), '*crit', /alias|aliases/i);
    expectBad(
      variant('    type: date\n', '    type: date\n    options: [a, b]\n'),
      'options: [a, b]',
      /only for choice questions/,
    );
  });
});

describe('parseQuestionnaireSet', () => {
  const other = (body: string) => `id: other\ntitle: Other\nintro: Another.\nquestions:\n${body}`;
  const question = `  - id: other.q
    text: Q?
    help: H.
    type: yesno
    criteria: [CC1.1]
    rules:
      - id: RULE_ID
        title: T
        severity: low
        fail_if: { in: [no] }
        pass: p
        fail: f
        risk: r
        remediation: { summary: s }
        effort: { baseHours: 1, perResourceHours: 0, maxHours: 1 }
        owner: CTO
        evidence: e
        dependsOn: [DEP]
`;

  it('rejects a rule id used in two files, at the second file and line', () => {
    const text = other(question.replace('RULE_ID', 'demo-plan').replace('DEP', 'aws-kms-key-rotation'));
    expectInputError(
      () =>
        parseQuestionnaireSet([
          { text: BASE, file: 'a.yaml' },
          { text, file: 'b.yaml' },
        ]),
      'b.yaml',
      lineContaining(text, '- id: demo-plan'),
      /rule id 'demo-plan' is used twice/,
    );
  });

  it('rejects a dependency on an unknown rule, but accepts rule and check ids', () => {
    const bad = other(question.replace('RULE_ID', 'other-q').replace('DEP', 'demo-nothing'));
    expectInputError(
      () =>
        parseQuestionnaireSet([
          { text: BASE, file: 'a.yaml' },
          { text: bad, file: 'b.yaml' },
        ]),
      'b.yaml',
      lineContaining(bad, '- id: other-q'),
      /depends on unknown rule 'demo-nothing'/,
    );
    for (const dep of ['demo-plan', 'aws-kms-key-rotation']) {
      const good = other(question.replace('RULE_ID', 'other-q').replace('DEP', dep));
      expect(
        parseQuestionnaireSet([
          { text: BASE, file: 'a.yaml' },
          { text: good, file: 'b.yaml' },
        ]),
      ).toHaveLength(2);
    }
  });

  it('rejects two files with the same section id', () => {
    expectInputError(
      () =>
        parseQuestionnaireSet([
          { text: BASE, file: 'a.yaml' },
          { text: BASE.replace('demo-plan', 'demo-plan-2'), file: 'b.yaml' },
        ]),
      'b.yaml',
      1,
      /section id 'demo' is also used by a.yaml/,
    );
  });
});

describe('loadQuestionnaires', () => {
  it('loads the shipped sections in the fixed order, and later files alphabetically', async () => {
    const questionnaires = await shippedQuestionnaires();
    expect(questionnaires.map((q) => q.file.split('/').pop())).toEqual(SECTION_FILE_ORDER);
    expect(orderFiles(['zeta.yaml', 'vendors.yaml', 'alpha.yaml', 'audit.yaml'])).toEqual([
      'audit.yaml',
      'vendors.yaml',
      'alpha.yaml',
      'zeta.yaml',
    ]);
  });

  it('reads a directory and reports the file of a malformed one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'questionnaires-'));
    await writeFile(join(dir, 'audit.yaml'), BASE);
    await writeFile(join(dir, 'notes.txt'), 'not a questionnaire');
    expect((await loadQuestionnaires(dir)).map((q) => q.id)).toEqual(['demo']);
    await writeFile(join(dir, 'zz.yaml'), 'id: [');
    await expect(loadQuestionnaires(dir)).rejects.toMatchObject({ file: join(dir, 'zz.yaml'), line: 1 });
  });

  it('has the question ids the planner reads, with their types', async () => {
    const questions = (await shippedQuestionnaires()).flatMap((q) => q.questions);
    const typeOf = (id: string) => questions.find((q) => q.id === id)?.type;
    expect(typeOf(PLANNING_QUESTIONS.windowStart)).toBe('date');
    expect(typeOf(PLANNING_QUESTIONS.windowEnd)).toBe('date');
    expect(typeOf(PLANNING_QUESTIONS.targetReportDate)).toBe('date');
    expect(typeOf(PLANNING_QUESTIONS.complianceFte)).toBe('number');
    expect(typeOf(PLANNING_QUESTIONS.remediationFte)).toBe('number');
  });

  it('gives every question help and criteria, and every rule plain-words metadata', async () => {
    const questionnaires = await shippedQuestionnaires();
    for (const q of questionnaires) expect(q.intro.length, q.id).toBeGreaterThan(40);
    for (const question of questionnaires.flatMap((q) => q.questions)) {
      expect(question.help.length, question.id).toBeGreaterThan(30);
      expect(question.criteria.length, question.id).toBeGreaterThan(0);
      for (const rule of question.rules) {
        expect(rule.risk.length, rule.id).toBeGreaterThan(40);
        expect(rule.evidence.length, rule.id).toBeGreaterThan(20);
        expect(rule.remediation.summary.length, rule.id).toBeGreaterThan(40);
      }
    }
  });

  it('covers what the brief asks about: vendors, staffing, change, access, IR, continuity, risk, policies, evidence', async () => {
    const rules = (await shippedQuestionnaires()).flatMap((q) => q.questions).flatMap((q) => q.rules);
    const ids = rules.map((r) => r.id);
    for (const id of [
      'vendors-soc2-report',
      'vendors-soc2-report-current',
      'vendors-bridge-letter',
      'vendors-cuecs-reviewed',
      'staffing-compliance-capacity',
      'change-iac-peer-review',
      'change-branch-protection',
      'change-rollback-procedure',
      'change-emergency-process',
      'change-tickets-linked',
      'access-cicd-segregation',
      'access-review-current',
      'access-leaver-removal',
      'incident-plan-tested',
      'continuity-restore-tested',
      'risk-assessment-yearly',
      'policies-approved-yearly',
      'policies-security-training',
      'policies-background-checks',
      'evidence-automated',
    ])
      expect(ids).toContain(id);
  });

  it('names only registered checks where a rule depends on a check', async () => {
    const rules = (await shippedQuestionnaires()).flatMap((q) => q.questions).flatMap((q) => q.rules);
    const checkDeps = rules.flatMap((r) => r.dependsOn ?? []).filter((d) => /^(aws|azure)-/.test(d));
    if (checkDeps.length === 0) return;
    const { ALL_CHECKS } = await import('../../checks/index.js');
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const dep of checkDeps) expect(ids.has(dep), dep).toBe(true);
  });
});

// Answers -> findings. Every rule of every visible question gives PASS, FAIL or UNKNOWN; a list rule
// gives one finding per item (one per vendor). Unanswered and "I don't know" are UNKNOWN, never PASS.
//
// Recurring controls: a passing rule with `evidenced_since` carries the date of the last occurrence
// it names (last access review, last restore test ...) and, from its `older_than_days` test, how
// often the control has to happen. Earlier occurrences are not asked for, so the planner claims
// operating evidence only where one occurrence covers the window; 'never' or a bad date claims nothing.
// A rule whose date has no frequency test carries the date as evidencedSince instead.

import type { ControlMeta } from '../model/check.js';
import type { Finding } from '../model/finding.js';
import { daysBetween, isoDay } from '../util/dates.js';
import { decide, leaves, type Leaf, type Outcome } from './conditions.js';
import { NEVER_ANSWER, UNKNOWN_ANSWER } from './types.js';
import type { Answers, Field, ListItem, Question, Questionnaire, Rule } from './types.js';
import { isIsoDay, labelOf, validateAnswer, visibleItem } from './values.js';
import { visibleQuestions } from './visibility.js';

/** The resource of findings about the organisation as a whole. */
export const ORGANIZATION = 'organization';

export function evaluateAnswers(
  questionnaires: readonly Questionnaire[],
  answers: Answers,
  asOf: string,
): Finding[] {
  const day = isoDay(asOf);
  return visibleQuestions(questionnaires, answers).flatMap((question) =>
    question.rules.flatMap((rule) => evaluateRule(question, rule, answers, day)),
  );
}

/** One ControlMeta per rule, for the plan (title, effort, owner ...). */
export function ruleCatalog(questionnaires: readonly Questionnaire[]): ControlMeta[] {
  return questionnaires
    .flatMap((q) => q.questions)
    .flatMap((q) => q.rules)
    .map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      criteria: rule.criteria,
      risk: rule.risk,
      remediation: rule.remediation,
      effort: rule.effort,
      owner: rule.owner,
      evidence: rule.evidence,
      ...(rule.dependsOn ? { dependsOn: rule.dependsOn } : {}),
    }));
}

/** What a rule is assessed against: the organisation's answer, or one list item. */
interface Subject {
  /** The value a condition leaf tests. */
  resolve: (leaf: Leaf) => unknown;
  /** A reason placeholder's value and the input it answers. */
  placeholder: (name: string) => { spec: Question | Field; value: unknown } | undefined;
  /** The value `evidenced_since` names. */
  dateOf: (id: string) => unknown;
  /** Why the rule could not be decided, given the first undecided leaf. */
  undecided: (blocker: Leaf | undefined) => string;
}

type Verdict = Pick<Finding, 'status' | 'reason' | 'evidencedSince' | 'recurrence'>;

function evaluateRule(question: Question, rule: Rule, answers: Answers, asOf: string): Finding[] {
  const finding = (verdict: Verdict, where: Partial<Finding> = {}): Finding => ({
    checkId: rule.id,
    source: 'questionnaire',
    resourceId: ORGANIZATION,
    criteria: rule.criteria,
    severity: rule.severity,
    title: rule.title,
    ...where,
    ...verdict,
  });
  const unknown = (reason: string) => [finding({ status: 'UNKNOWN', reason })];

  const answer = answers[question.id];
  if (answer === undefined) return unknown(`Not answered yet: ${question.text}`);
  if (answer === UNKNOWN_ANSWER) return unknown(`You answered that you don't know: ${question.text}`);
  const invalid = validateAnswer(question, answer);
  if (invalid) return unknown(`The answer to "${question.text}" cannot be used: ${invalid}`);

  if (question.type !== 'list') {
    const verdict = assess(rule, asOf, {
      resolve: () => answer,
      placeholder: (name) => (name === 'answer' ? { spec: question, value: answer } : undefined),
      dateOf: (id) => answers[id],
      undecided: () => `Could not assess the answer to: ${question.text}`,
    });
    return verdict ? [finding(verdict)] : [];
  }

  const fields = question.item ?? [];
  return (answer as ListItem[]).flatMap((raw) => {
    const item = visibleItem(question, raw);
    const name = String(raw[fields[0]?.id ?? ''] ?? '');
    const subject = `${question.resourcePrefix ?? 'entry'} ${name}`;
    const fieldOf = (id: string | undefined) => fields.find((f) => f.id === id);
    const verdict = assess(rule, asOf, {
      resolve: (leaf) => item[leaf.field ?? ''],
      placeholder: (id) => {
        const spec = fieldOf(id);
        return spec && { spec, value: item[id] };
      },
      dateOf: (id) => item[id],
      undecided: (blocker) => {
        const field = fieldOf(blocker?.field);
        if (!field) return `Could not assess ${subject} from the answers given.`;
        return item[field.id] === UNKNOWN_ANSWER
          ? `You answered that you don't know, for ${subject}: ${field.text}`
          : `Not answered yet for ${subject}: ${field.text}`;
      },
    });
    const where = { resourceId: `${question.resourcePrefix ?? 'entry'}:${name}`, resourceName: name };
    return verdict ? [finding(verdict, where)] : [];
  });
}

/** PASS, FAIL or UNKNOWN for one subject; undefined when the answers show the rule does not apply. */
function assess(rule: Rule, asOf: string, subject: Subject): Verdict | undefined {
  const applies: Outcome = rule.appliesIf ? decide(rule.appliesIf, subject.resolve, asOf) : { value: true };
  // Undecided applicability still assesses: a vendor that may hold customer data is treated as one that does.
  if (applies.value === false) return undefined;
  const outcome = decide(rule.failIf, subject.resolve, asOf);
  const fill = (template: string) => fillTemplate(template, subject.placeholder, asOf);
  if (outcome.value === true) return { status: 'FAIL', reason: fill(rule.failReason) };
  if (outcome.value === false) {
    const since = rule.evidencedSinceFrom ? subject.dateOf(rule.evidencedSinceFrom) : undefined;
    const pass: Verdict = { status: 'PASS', reason: fill(rule.passReason) };
    if (typeof since !== 'string' || !isIsoDay(since)) return pass;
    const everyDays = recurrenceDays(rule);
    return everyDays === undefined
      ? { ...pass, evidencedSince: since }
      : { ...pass, recurrence: { lastOccurred: since, everyDays } };
  }
  // Name the root cause: the applies_if answer when that was undecided too.
  const blocker = (applies.value === undefined ? applies.blocker : undefined) ?? outcome.blocker;
  return { status: 'UNKNOWN', reason: subject.undecided(blocker) };
}

/** How often a recurring control must happen: its fail_if's `older_than_days` on the dated answer. */
function recurrenceDays(rule: Rule): number | undefined {
  const target = rule.evidencedSinceFrom;
  const leaf = leaves(rule.failIf).find(
    (l) => l.test.op === 'older_than_days' && (l.question ?? l.field ?? rule.question) === target,
  );
  return leaf?.test.op === 'older_than_days' ? leaf.test.value : undefined;
}

/** Fills `{x}`, `{x.label}` and `{x.days}` (days since a date, as of the assessment date). */
function fillTemplate(
  template: string,
  lookup: (name: string) => { spec: Question | Field; value: unknown } | undefined,
  asOf: string,
): string {
  return template.replace(/\{([^}.]*)(?:\.([^}]*))?\}/g, (placeholder, name: string, part?: string) => {
    const found = lookup(name);
    if (!found || found.value === undefined) return 'not given';
    const { spec, value } = found;
    if (part === 'label') return labelOf(spec, value);
    if (part === 'days') {
      if (value === NEVER_ANSWER) return 'never';
      return typeof value === 'string' && isIsoDay(value) ? String(daysBetween(value, asOf)) : placeholder;
    }
    return String(value);
  });
}

// Conditions in questionnaire files (`show_if`, `applies_if`, `fail_if`): parsed, and checked against
// the answers the question (or list field) they test can actually have.

import { NEVER_ANSWER, UNKNOWN_ANSWER, YES_NO } from './types.js';
import type { Condition, InputSpec, QuestionType, ScalarValue, Test } from './types.js';
import { isIsoDay } from './values.js';
import {
  entries,
  expectMap,
  expectNumber,
  expectSeq,
  expectString,
  fail,
  readMap,
  scalarValue,
} from './yaml-nodes.js';
import type { YamlNode, YamlSource } from './yaml-nodes.js';

const TESTS = ['equals', 'in', 'not_in', 'less_than', 'greater_than', 'older_than_days'] as const;

export type LeafCheck = (leaf: Extract<Condition, { kind: 'leaf' }>, node: YamlNode | null) => void;

export function parseCondition(src: YamlSource, node: YamlNode | null, check: LeafCheck): Condition {
  const map = expectMap(src, node, 'a condition');
  const keys = entries(src, map).map((e) => e.key);
  for (const combinator of ['any', 'all'] as const) {
    if (!keys.includes(combinator)) continue;
    const { get } = readMap(src, node, `an '${combinator}' condition`, [combinator]);
    const seq = expectSeq(src, get(combinator), `'${combinator}'`);
    if (seq.items.length === 0) fail(src, seq, `'${combinator}' needs at least one condition`);
    return { kind: combinator, conditions: seq.items.map((c) => parseCondition(src, c as YamlNode, check)) };
  }
  const { get } = readMap(src, node, 'a condition', ['question', 'field', ...TESTS]);
  const ops = TESTS.filter((op) => get(op) !== undefined);
  if (ops.length !== 1) fail(src, node, `a condition needs exactly one of: ${TESTS.join(', ')} (or any/all)`);
  const op = ops[0] as (typeof TESTS)[number];
  const valueNode = get(op) ?? null;
  const leaf: Extract<Condition, { kind: 'leaf' }> = { kind: 'leaf', test: parseTest(src, op, valueNode) };
  if (get('question') !== undefined) leaf.question = expectString(src, get('question'), 'question');
  if (get('field') !== undefined) leaf.field = expectString(src, get('field'), 'field');
  check(leaf, node);
  return leaf;
}

function parseTest(src: YamlSource, op: (typeof TESTS)[number], node: YamlNode | null): Test {
  const scalar = (n: YamlNode | null): ScalarValue => {
    const value = scalarValue(n);
    if (typeof value === 'string' || typeof value === 'number') return value;
    return fail(src, n, `'${op}' needs a word, date or number`);
  };
  switch (op) {
    case 'equals':
      return { op, value: scalar(node) };
    case 'in':
    case 'not_in': {
      const seq = expectSeq(src, node, `'${op}'`);
      if (seq.items.length === 0) fail(src, seq, `'${op}' needs at least one value`);
      return { op, values: seq.items.map((v) => scalar(v as YamlNode)) };
    }
    case 'less_than':
    case 'greater_than':
      return { op, value: expectNumber(src, node, `'${op}'`) };
    case 'older_than_days': {
      const days = expectNumber(src, node, "'older_than_days'");
      if (days < 0) fail(src, node, "'older_than_days' must not be negative");
      return { op, value: days };
    }
  }
}

/** The values a test compares with must be answers the target can have. */
export function checkTest(
  src: YamlSource,
  node: YamlNode | null,
  test: Test,
  target: InputSpec & { type: QuestionType; id: string },
  { allowUnknown, allowAge }: { allowUnknown: boolean; allowAge: boolean },
): void {
  const name = target.id;
  switch (test.op) {
    case 'less_than':
    case 'greater_than':
      if (target.type !== 'number')
        fail(src, node, `'${test.op}' needs a number question, but ${name} is ${target.type}`);
      return;
    case 'older_than_days':
      if (!allowAge)
        fail(src, node, "'older_than_days' depends on the assessment date; show_if cannot use it");
      if (target.type !== 'date')
        fail(src, node, `'older_than_days' needs a date question, but ${name} is ${target.type}`);
      return;
    default: {
      const values = test.op === 'equals' ? [test.value] : test.values;
      for (const value of values) {
        if (value === UNKNOWN_ANSWER) {
          if (allowUnknown) continue;
          fail(
            src,
            node,
            "'unknown' answers are always assessed as UNKNOWN; leave 'unknown' out of rule conditions",
          );
        }
        const problem = valueProblem(target, value);
        if (problem) fail(src, node, `${name} can never be '${value}': ${problem}`);
      }
    }
  }
}

function valueProblem(target: InputSpec & { type: QuestionType }, value: ScalarValue): string | undefined {
  switch (target.type) {
    case 'yesno':
      return (YES_NO as readonly ScalarValue[]).includes(value) ? undefined : `expected ${YES_NO.join(', ')}`;
    case 'choice':
      return target.options?.some((o) => o.value === value)
        ? undefined
        : `expected ${target.options?.map((o) => o.value).join(', ')}`;
    case 'number':
      return typeof value === 'number' ? undefined : 'expected a number';
    case 'date':
      return (typeof value === 'string' && isIsoDay(value)) || (value === NEVER_ANSWER && target.allowNever)
        ? undefined
        : 'expected a YYYY-MM-DD date';
    case 'text':
      return typeof value === 'string' ? undefined : 'expected text';
    case 'list':
      return 'a list is tested through its item fields';
  }
}

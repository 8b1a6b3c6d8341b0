// Conditions, read two ways:
// - `show_if` (and a list field's `show_if`) match answers literally: an unanswered question never
//   matches, 'unknown' is just a value, so "I don't know" hides the follow-ups of a 'yes'.
// - Rule conditions (`fail_if`, `applies_if`) are three-valued: an unanswered or 'unknown' answer makes
//   a leaf undecided, and `any`/`all` stay undecided only when the decided parts cannot settle them.

import { daysBetween, isValidIsoDate } from '../util/dates.js';
import { NEVER_ANSWER, UNKNOWN_ANSWER } from './types.js';
import type { Condition, ScalarValue, Test } from './types.js';

export type Leaf = Extract<Condition, { kind: 'leaf' }>;
/** The value a leaf tests: the answer, another question's answer, or a list-item field. */
export type Resolve = (leaf: Leaf) => unknown;

/** A rule condition's result; `blocker` is the first leaf that could not be decided. */
export interface Outcome {
  value: boolean | undefined;
  blocker?: Leaf;
}

/** Whether a (present, known) value passes a test; undefined when the test does not apply to it. */
export function runTest(test: Test, value: unknown, asOf?: string): boolean | undefined {
  switch (test.op) {
    case 'equals':
      return value === test.value;
    case 'in':
      return test.values.includes(value as ScalarValue);
    case 'not_in':
      return !test.values.includes(value as ScalarValue);
    case 'less_than':
      return typeof value === 'number' ? value < test.value : undefined;
    case 'greater_than':
      return typeof value === 'number' ? value > test.value : undefined;
    case 'older_than_days':
      if (value === NEVER_ANSWER) return true;
      if (asOf === undefined || typeof value !== 'string' || !isValidIsoDate(value)) return undefined;
      return daysBetween(value, asOf) > test.value;
  }
}

/** Literal matching, for `show_if`: unanswered never matches. */
export function matches(condition: Condition, resolve: Resolve): boolean {
  switch (condition.kind) {
    case 'leaf': {
      const value = resolve(condition);
      return value !== undefined && runTest(condition.test, value) === true;
    }
    case 'any':
      return condition.conditions.some((c) => matches(c, resolve));
    case 'all':
      return condition.conditions.every((c) => matches(c, resolve));
  }
}

/** Three-valued evaluation, for rules: unanswered and 'unknown' leave a leaf undecided. */
export function decide(condition: Condition, resolve: Resolve, asOf: string): Outcome {
  switch (condition.kind) {
    case 'leaf': {
      const value = resolve(condition);
      if (value === undefined || value === UNKNOWN_ANSWER) return { value: undefined, blocker: condition };
      const result = runTest(condition.test, value, asOf);
      return result === undefined ? { value: undefined, blocker: condition } : { value: result };
    }
    case 'any':
    case 'all': {
      // `any` is settled by one true part, `all` by one false part.
      const settling = condition.kind === 'any';
      const outcomes = condition.conditions.map((c) => decide(c, resolve, asOf));
      if (outcomes.some((o) => o.value === settling)) return { value: settling };
      const undecided = outcomes.find((o) => o.value === undefined);
      return undecided ? { value: undefined, blocker: undecided.blocker } : { value: !settling };
    }
  }
}

/** Every leaf test of a condition, in order. */
export function leaves(condition: Condition): Leaf[] {
  return condition.kind === 'leaf' ? [condition] : condition.conditions.flatMap(leaves);
}

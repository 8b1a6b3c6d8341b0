// The questionnaire model: what questionnaires/*.yaml turn into once loaded and validated.
// YAML keys are snake_case (`show_if`, `fail_if`); the loader maps them to these camelCase types.

import type { ControlMeta } from '../model/check.js';
import type { CriterionId } from '../model/criteria.js';

export const QUESTION_TYPES = ['yesno', 'choice', 'number', 'date', 'text', 'list'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** The types a list item's fields can have. */
export type FieldType = Exclude<QuestionType, 'list'>;

export const YES_NO = ['yes', 'no', 'partial', 'unknown'] as const;
export type YesNo = (typeof YES_NO)[number];

/** The answer "I don't know", accepted for every question type. It is assessed as UNKNOWN, never as a pass. */
export const UNKNOWN_ANSWER = 'unknown';
/** The answer "never" to a date question that allows it (`allow_never`): older than any threshold. */
export const NEVER_ANSWER = 'never';

export type ScalarValue = string | number;
/** One entry of a list answer (one vendor): field id -> value. */
export type ListItem = Record<string, ScalarValue>;
/**
 * yesno: 'yes' | 'no' | 'partial' | 'unknown'; choice: an option value; number; date: 'YYYY-MM-DD';
 * text; list: an array of items. Any question also takes 'unknown'; dates with `allow_never` take 'never'.
 */
export type AnswerValue = ScalarValue | ListItem[];
export type Answers = Record<string, AnswerValue>;

export interface ChoiceOption {
  value: string;
  /** Plain words shown to the person answering. */
  label: string;
}

/** A test on one answer or one list-item field. `question`/`field` name what is tested. */
export type Test =
  | { op: 'equals'; value: ScalarValue }
  | { op: 'in'; values: ScalarValue[] }
  | { op: 'not_in'; values: ScalarValue[] }
  | { op: 'less_than'; value: number }
  | { op: 'greater_than'; value: number }
  | { op: 'older_than_days'; value: number };

/**
 * A condition. A leaf tests the owning question's answer (no target), another question's (`question`,
 * only in `show_if`), or a field of the current list item (`field`). `any`/`all` combine conditions.
 */
export type Condition =
  | { kind: 'leaf'; question?: string; field?: string; test: Test }
  | { kind: 'any'; conditions: Condition[] }
  | { kind: 'all'; conditions: Condition[] };

/** What a scalar answer (or list-item field) looks like; shared by questions and list fields. */
export interface InputSpec {
  text: string;
  help?: string;
  /** choice only: the options, without "I don't know" (always allowed). */
  options?: ChoiceOption[];
  /** number only. */
  min?: number;
  max?: number;
  /** date only: the answer may be 'never' (a recurring control that has never happened). */
  allowNever?: boolean;
}

/** One field of a list item (a vendor's name, its report date ...). */
export interface Field extends InputSpec {
  /** The field's id inside the item, e.g. `report_period_end`. */
  id: string;
  type: FieldType;
  /** Shown only when a sibling field matches (`{ field: soc2_report, equals: yes }`). */
  showIf?: Condition;
}

export interface Question extends InputSpec {
  /** `<section>.<name>`, e.g. `audit.window_start`. */
  id: string;
  /** The questionnaire (section) id it belongs to. */
  section: string;
  type: QuestionType;
  help: string;
  criteria: CriterionId[];
  /** Asked only when another question of the same section is answered a certain way. */
  showIf?: Condition;
  /** list only: the item's fields; the first one is text and names the item. */
  item?: Field[];
  /** list only: findings about an item get the resource id `<prefix>:<name>`, e.g. `vendor:Stripe`. */
  resourcePrefix?: string;
  rules: Rule[];
  /** 1-based line of the question in its file. */
  line: number;
}

/** Turns an answer into a finding: a gap when `failIf` holds. Its metadata is what the plan needs. */
export interface Rule extends ControlMeta {
  /** The question the rule belongs to. */
  question: string;
  /** The rule is assessed unless the answers show it does not apply (list rules: per item). */
  appliesIf?: Condition;
  failIf: Condition;
  /** Reason sentences; `{answer}`, `{<field>}`, `{x.label}`, `{x.days}` are filled in from the answers. */
  passReason: string;
  failReason: string;
  /** A date question (or, in list rules, a date field) whose value becomes the PASS's evidencedSince. */
  evidencedSinceFrom?: string;
  line: number;
}

export interface Questionnaire {
  /** Section id, the prefix of its question ids: `audit`, `staffing`, `change` ... */
  id: string;
  title: string;
  /** Plain words shown before the first question. */
  intro: string;
  questions: Question[];
  /** The file it was loaded from, for error messages. */
  file: string;
}

/** What the plan reads from the answers (fixed question ids). */
export type { PlanSettings as PlanningInputs } from '../plan/types.js';

// What a valid answer looks like, for the TUI's input checks and for imported answer files.

import { isoDay } from '../util/dates.js';
import { NEVER_ANSWER, UNKNOWN_ANSWER, YES_NO } from './types.js';
import type { ChoiceOption, Field, InputSpec, ListItem, Question, QuestionType, YesNo } from './types.js';
import { isFieldVisible } from './visibility.js';

const YES_NO_LABELS: Record<YesNo, string> = {
  yes: 'Yes',
  no: 'No',
  partial: 'Partly',
  unknown: "I don't know",
};

/** A calendar day written YYYY-MM-DD that exists (no 2025-02-30). */
export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && isoDay(value) === value;
}

/** The choices to offer for a yesno or choice input, "I don't know" last. Empty for other types. */
export function choicesFor(input: InputSpec & { type: QuestionType }): ChoiceOption[] {
  if (input.type === 'yesno') return YES_NO.map((value) => ({ value, label: YES_NO_LABELS[value] }));
  if (input.type === 'choice')
    return [...(input.options ?? []), { value: UNKNOWN_ANSWER, label: YES_NO_LABELS.unknown }];
  return [];
}

/** How an answer reads in a sentence: the option's label for choices, the value otherwise. */
export function labelOf(input: InputSpec & { type: QuestionType }, value: unknown): string {
  const choice = choicesFor(input).find((c) => c.value === value);
  return choice ? choice.label : String(value);
}

/** Why a value is not a valid answer to a question, or undefined when it is. */
export function validateAnswer(question: Question, value: unknown): string | undefined {
  if (question.type !== 'list') return validateScalar(question, question.type, value);
  if (value === UNKNOWN_ANSWER) return undefined;
  if (!Array.isArray(value)) return 'Expected a list of entries.';
  const problems = value.flatMap((item: unknown, index) =>
    itemProblems(question, item, index, value).map((p) => `entry ${index + 1}: ${p.message}`),
  );
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** Why a value is not a valid answer for one field of a list item. */
export function validateField(field: Field, value: unknown): string | undefined {
  return validateScalar(field, field.type, value);
}

/** Problems with one list entry, each tied to the field it concerns (for line numbers in files). */
export function itemProblems(
  question: Question,
  item: unknown,
  index: number,
  all: readonly unknown[] = [],
): { field?: string; message: string }[] {
  const fields = question.item ?? [];
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return [{ message: 'Expected an entry with named fields.' }];
  const entry = item as Record<string, unknown>;
  const problems: { field?: string; message: string }[] = [];
  for (const [key, value] of Object.entries(entry)) {
    const field = fields.find((f) => f.id === key);
    if (!field) {
      problems.push({
        field: key,
        message: `Unknown field '${key}' (expected ${fields.map((f) => f.id).join(', ')}).`,
      });
      continue;
    }
    const problem = validateField(field, value);
    if (problem) problems.push({ field: key, message: `${field.id}: ${problem}` });
  }
  const nameField = fields[0];
  if (nameField) {
    const name = entry[nameField.id];
    if (name === undefined || name === UNKNOWN_ANSWER)
      problems.push({ message: `Every entry needs its ${nameField.id}.` });
    else if (
      all.findIndex((other) => (other as Record<string, unknown> | null)?.[nameField.id] === name) < index
    )
      problems.push({ field: nameField.id, message: `'${String(name)}' is listed twice.` });
  }
  return problems;
}

function validateScalar(
  spec: InputSpec,
  type: Exclude<QuestionType, 'list'>,
  value: unknown,
): string | undefined {
  if (value === UNKNOWN_ANSWER) return undefined;
  switch (type) {
    case 'yesno':
    case 'choice': {
      const choices = choicesFor({ ...spec, type });
      return choices.some((c) => c.value === value)
        ? undefined
        : `Choose one of: ${choices.map((c) => c.value).join(', ')}.`;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Enter a number.';
      if (spec.min !== undefined && value < spec.min) return `Enter a number of at least ${spec.min}.`;
      if (spec.max !== undefined && value > spec.max) return `Enter a number no larger than ${spec.max}.`;
      return undefined;
    }
    case 'date':
      if (value === NEVER_ANSWER && spec.allowNever) return undefined;
      return typeof value === 'string' && isIsoDay(value)
        ? undefined
        : `Enter a date as YYYY-MM-DD${spec.allowNever ? ", or 'never'" : ''}.`;
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? undefined : 'Enter some text.';
  }
}

/** A list item without the fields its answers hide (in order, so a hidden parent hides its follow-ups). */
export function visibleItem(question: Question, item: ListItem): ListItem {
  const shown: ListItem = {};
  for (const field of question.item ?? []) {
    const value = item[field.id];
    if (value !== undefined && isFieldVisible(field, shown)) shown[field.id] = value;
  }
  return shown;
}

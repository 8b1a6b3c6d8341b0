// Pure helpers for the questionnaire screen: where to start, and typed text -> an answer value.

import type { Answers, FieldType, Question, ScalarValue } from '../questionnaire/types.js';
import { NEVER_ANSWER, UNKNOWN_ANSWER } from '../questionnaire/types.js';

/** The question to show first: where the session stopped, else the first unanswered, else the first. */
export function startIndex(questions: readonly Question[], answers: Answers, resumeAt?: string): number {
  const resume = resumeAt ? questions.findIndex((q) => q.id === resumeAt) : -1;
  if (resume >= 0) return resume;
  const firstOpen = questions.findIndex((q) => answers[q.id] === undefined);
  return firstOpen >= 0 ? firstOpen : 0;
}

/** Text typed for a number, date or text input -> the value to validate and save. */
export function valueFromText(type: FieldType, text: string): ScalarValue {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower === UNKNOWN_ANSWER || lower === "don't know") return UNKNOWN_ANSWER;
  if (type === 'date' && lower === NEVER_ANSWER) return NEVER_ANSWER;
  if (type === 'number') {
    const number = Number(trimmed.replace(',', '.'));
    return trimmed !== '' && Number.isFinite(number) ? number : trimmed;
  }
  return trimmed;
}

/** A hint under a typed input: the format it takes. */
export function inputHint(type: FieldType, allowNever?: boolean): string {
  switch (type) {
    case 'number':
      return "A number (e.g. 0.5), or 'unknown'.";
    case 'date':
      return `A date as YYYY-MM-DD${allowNever ? ", 'never'" : ''}, or 'unknown'.`;
    default:
      return "Your answer in a few words, or 'unknown'.";
  }
}

// Shared by the questionnaire tests: the shipped content, a fixed assessment date, and error matching.

import { expect } from 'vitest';
import { loadQuestionnaires } from '../../source/questionnaire/load.js';
import type { Questionnaire } from '../../source/questionnaire/types.js';
import { addDays, isoDay } from '../../source/util/dates.js';
import { InputError } from '../../source/util/errors.js';

export const AS_OF = '2026-11-01';

export function daysAgo(days: number): string {
  return isoDay(addDays(AS_OF, -days));
}

let shipped: Promise<Questionnaire[]> | undefined;
/** The questionnaires that ship in questionnaires/, loaded once per test file. */
export function shippedQuestionnaires(): Promise<Questionnaire[]> {
  shipped ??= loadQuestionnaires();
  return shipped;
}

/** The 1-based line of the first line of `text` containing `marker`. */
export function lineContaining(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index === -1) throw new Error(`marker not found: ${marker}`);
  return index + 1;
}

/** Runs `action`, expecting an InputError for `file` at `line` whose message matches. */
export function expectInputError(
  action: () => unknown,
  file: string,
  line: number,
  message: RegExp,
): InputError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  const error = caught as InputError;
  expect(error.message).toMatch(message);
  expect({ file: error.file, line: error.line }).toEqual({ file, line });
  return error;
}

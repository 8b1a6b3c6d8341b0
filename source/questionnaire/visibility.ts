// Branching: which questions (and list fields) to ask, given the answers so far.

import { matches } from './conditions.js';
import type { Answers, Field, ListItem, Question, Questionnaire } from './types.js';

/**
 * Whether a question's own `show_if` holds for these answers. It does not look further back: a
 * question whose parent is itself hidden is hidden by `visibleQuestions`, which callers should prefer.
 */
export function isVisible(question: Question, answers: Answers): boolean {
  return !question.showIf || matches(question.showIf, (leaf) => answers[leaf.question ?? '']);
}

/**
 * The questions to ask, in order. Answers to hidden questions are ignored, so a stale answer left
 * behind after its parent changed cannot keep a follow-up question visible.
 */
export function visibleQuestions(questionnaires: readonly Questionnaire[], answers: Answers): Question[] {
  const effective: Answers = {};
  const visible: Question[] = [];
  // show_if only names earlier questions of the same file, so one pass in order is enough.
  for (const question of questionnaires.flatMap((q) => q.questions)) {
    if (!isVisible(question, effective)) continue;
    visible.push(question);
    const answer = answers[question.id];
    if (answer !== undefined) effective[question.id] = answer;
  }
  return visible;
}

/** Whether a list field is asked for this item (a report date only when there is a report). */
export function isFieldVisible(field: Field, item: ListItem): boolean {
  return !field.showIf || matches(field.showIf, (leaf) => item[leaf.field ?? '']);
}

/** How many of these questions have an answer ("I don't know" included). */
export function countAnswered(questions: readonly Question[], answers: Answers): number {
  return questions.filter((q) => answers[q.id] !== undefined).length;
}

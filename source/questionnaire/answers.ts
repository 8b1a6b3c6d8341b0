// Answer files (YAML or JSON: an object of question id -> answer) in and out, and the answers the
// plan reads.

import { Document, isMap, isScalar, isSeq } from 'yaml';
import { InputError } from '../util/errors.js';
import type { Answers, AnswerValue, Question, Questionnaire } from './types.js';
import { itemProblems, validateAnswer } from './values.js';
import { entries, lineOf, parseYaml, type YamlNode, type YamlSource } from './yaml-nodes.js';

interface Problem {
  line?: number;
  message: string;
}

/**
 * Reads an answer file. Every problem (unknown question, wrong type, bad list entry) is collected and
 * reported together, each with its line; an empty value (`key:`) counts as not answered.
 */
export function parseAnswers(text: string, file: string, questionnaires: readonly Questionnaire[]): Answers {
  const { root, src } = parseYaml(text, file);
  if (root === null || (isScalar(root) && root.value === null)) return {};
  if (!isMap(root))
    throw new InputError('answers must be an object of question id -> answer', file, lineOf(src, root));
  const questions = new Map(questionnaires.flatMap((q) => q.questions).map((q) => [q.id, q]));
  const answers: Answers = {};
  const problems: Problem[] = [];
  for (const { key, keyNode, value } of entries(src, root)) {
    const question = questions.get(key);
    if (!question) {
      problems.push({ line: lineOf(src, keyNode), message: `unknown question '${key}'` });
      continue;
    }
    if (value === null || (isScalar(value) && value.value === null)) continue;
    const found = answerProblems(src, question, value);
    if (found.length > 0) problems.push(...found);
    else answers[key] = normalise(question, toPlain(value)) as AnswerValue;
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.line ? `line ${p.line}: ` : ''}${p.message}`);
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new InputError(`${count} in the answers:\n${lines.join('\n')}`, file, problems[0]?.line);
  }
  return answers;
}

function answerProblems(src: YamlSource, question: Question, node: YamlNode): Problem[] {
  const at = (n: YamlNode | null | undefined, message: string) => ({ line: lineOf(src, n), message });
  const value = normalise(question, toPlain(node));
  if (question.type !== 'list' || !isSeq(node)) {
    const problem = validateAnswer(question, value);
    return problem ? [at(node, `${question.id}: ${problem}`)] : [];
  }
  // Point at the entry, or at the field, that is wrong.
  const items = value as unknown[];
  return node.items.flatMap((itemNode, index) =>
    itemProblems(question, items[index], index, items).map((p) => {
      const fieldNode = isMap(itemNode) && p.field !== undefined ? itemNode.get(p.field, true) : undefined;
      const keyNode = isMap(itemNode)
        ? itemNode.items.find((pair) => isScalar(pair.key) && pair.key.value === p.field)?.key
        : undefined;
      return at(
        (fieldNode ?? keyNode ?? itemNode) as YamlNode,
        `${question.id} entry ${index + 1}: ${p.message}`,
      );
    }),
  );
}

function toPlain(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map(toPlain);
  if (isMap(node))
    return Object.fromEntries(
      node.items.map((pair) => [isScalar(pair.key) ? String(pair.key.value) : '', toPlain(pair.value)]),
    );
  return undefined;
}

/** JSON writers often use true/false for yes/no; accept them there, and trim text. */
function normalise(question: Question, value: unknown): unknown {
  const yesNo = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : v);
  if (question.type === 'yesno') return yesNo(value);
  if (typeof value === 'string') return value.trim();
  if (question.type === 'list' && Array.isArray(value))
    return value.map((item: unknown) => {
      if (typeof item !== 'object' || item === null) return item;
      return Object.fromEntries(
        Object.entries(item).map(([key, v]) => {
          const field = question.item?.find((f) => f.id === key);
          return [key, field?.type === 'yesno' ? yesNo(v) : typeof v === 'string' ? v.trim() : v];
        }),
      );
    });
  return value;
}

/** The answers as YAML that parseAnswers reads back; keys sorted so exports diff cleanly. */
export function exportAnswers(answers: Answers): string {
  const sorted = Object.fromEntries(
    Object.keys(answers)
      .sort()
      .map((key) => [key, answers[key]]),
  );
  const doc = new Document(sorted);
  doc.commentBefore =
    ' soc2-ready questionnaire answers: question id -> answer. "unknown" means not known yet.';
  return doc.toString();
}

// Loads questionnaires/*.yaml and validates everything, so a mistake in the content fails on load with
// the file and line rather than as a wrong finding later.
//
// File format (one section per file; unknown keys are errors):
//   id, title, intro, questions: [...]
//   question: id (`<section>.<name>`), text, help, type (yesno | choice | number | date | text | list),
//     criteria [CC6.1, ...], optional show_if (on an earlier question of the file), and per type:
//     choice `options` (words, or {value, label}); number `min`/`max`; date `allow_never`;
//     list `resource_prefix` and `item` (fields with id, text, type, optional help and show_if on an
//     earlier sibling `field`; the first field is text and names the item).
//   condition: { any: [...] } | { all: [...] } | { [question | field], equals | in | not_in |
//     less_than | greater_than | older_than_days }. Rule conditions test the question's own answer,
//     or for lists an item `field`.
//   rule: id (kebab-case, unique across files), title, severity, optional criteria (default: the
//     question's), fail_if, optional applies_if, pass and fail reasons ({answer} or {<field>}, with
//     .label or .days), risk, remediation {summary, snippet?}, effort {baseHours, perResourceHours,
//     maxHours}, owner, evidence, optional dependsOn (rule or check ids), optional evidenced_since
//     (a date question of the file, or a date field of the item).

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { YAMLMap } from 'yaml';
import { InputError } from '../util/errors.js';
import { questionnairesDir } from '../util/paths.js';
import { checkTest, parseCondition } from './parse-conditions.js';
import { CHECK_ID, parseCriteria, parseRule } from './parse-rules.js';
import { QUESTION_TYPES, UNKNOWN_ANSWER } from './types.js';
import type {
  ChoiceOption,
  Field,
  FieldType,
  InputSpec,
  Question,
  QuestionType,
  Questionnaire,
  Rule,
} from './types.js';
import {
  expectBoolean,
  expectNumber,
  expectSeq,
  expectString,
  fail,
  lineOf,
  parseYaml,
  readMap,
  required,
  scalarValue,
  type YamlNode,
  type YamlSource,
} from './yaml-nodes.js';

/** The order a person answers the sections in; files not listed here follow, alphabetically. */
export const SECTION_FILE_ORDER = [
  'audit.yaml',
  'staffing.yaml',
  'policies.yaml',
  'risk.yaml',
  'access.yaml',
  'change-management.yaml',
  'incident-response.yaml',
  'continuity.yaml',
  'vendors.yaml',
  'evidence.yaml',
];

const NAME = /^[a-z][a-z0-9_]*$/;

export async function loadQuestionnaires(dir = questionnairesDir()): Promise<Questionnaire[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'));
  const ordered = orderFiles(names);
  const sources = await Promise.all(
    ordered.map(async (name) => ({ file: join(dir, name), text: await readFile(join(dir, name), 'utf8') })),
  );
  return parseQuestionnaireSet(sources);
}

export function orderFiles(names: readonly string[]): string[] {
  const rank = (name: string) => {
    const i = SECTION_FILE_ORDER.indexOf(name);
    return i === -1 ? SECTION_FILE_ORDER.length : i;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Parses several files and checks what spans them: unique section and rule ids, rule dependencies. */
export function parseQuestionnaireSet(sources: readonly { text: string; file: string }[]): Questionnaire[] {
  const questionnaires = sources.map(({ text, file }) => parseQuestionnaire(text, file));
  const sections = new Map<string, string>();
  const rules = new Map<string, Rule>();
  for (const q of questionnaires) {
    const other = sections.get(q.id);
    if (other) throw new InputError(`section id '${q.id}' is also used by ${other}`, q.file, 1);
    sections.set(q.id, q.file);
    for (const rule of q.questions.flatMap((question) => question.rules)) {
      if (rules.has(rule.id)) throw new InputError(`rule id '${rule.id}' is used twice`, q.file, rule.line);
      rules.set(rule.id, rule);
    }
  }
  for (const q of questionnaires)
    for (const rule of q.questions.flatMap((question) => question.rules))
      for (const dep of rule.dependsOn ?? [])
        if (!CHECK_ID.test(dep) && !rules.has(dep))
          throw new InputError(`rule '${rule.id}' depends on unknown rule '${dep}'`, q.file, rule.line);
  return questionnaires;
}

/** One questionnaire file, validated on its own (pure). */
export function parseQuestionnaire(text: string, file: string): Questionnaire {
  const { root, src } = parseYaml(text, file);
  const { map, get } = readMap(src, root, 'a questionnaire', ['id', 'title', 'intro', 'questions']);
  const idNode = required(src, map, get, 'id', 'the questionnaire');
  const id = expectString(src, idNode, 'the questionnaire id');
  if (!NAME.test(id)) fail(src, idNode, `questionnaire id '${id}' must be lowercase letters, digits and _`);
  const questions: Question[] = [];
  const questionsNode = expectSeq(
    src,
    required(src, map, get, 'questions', 'the questionnaire'),
    'questions',
  );
  if (questionsNode.items.length === 0) fail(src, questionsNode, 'questions must not be empty');
  const ruleIds = new Set<string>();
  for (const node of questionsNode.items) {
    const question = parseQuestion(src, node as YamlNode, id, questions);
    for (const rule of question.rules) {
      if (ruleIds.has(rule.id)) throw new InputError(`rule id '${rule.id}' is used twice`, file, rule.line);
      ruleIds.add(rule.id);
    }
    questions.push(question);
  }
  return {
    id,
    title: expectString(src, required(src, map, get, 'title', 'the questionnaire'), 'title'),
    intro: expectString(src, required(src, map, get, 'intro', 'the questionnaire'), 'intro'),
    questions,
    file,
  };
}

// ---- questions and list fields ----

/** Keys of an answer input; a list field has just these, a question these and more. */
const INPUT_KEYS = ['id', 'text', 'help', 'type', 'options', 'min', 'max', 'allow_never', 'show_if'];
const QUESTION_KEYS = [...INPUT_KEYS, 'criteria', 'item', 'resource_prefix', 'rules'];

function parseQuestion(src: YamlSource, node: YamlNode, section: string, earlier: Question[]): Question {
  const { map, get } = readMap(src, node, 'a question', QUESTION_KEYS);
  const idNode = required(src, map, get, 'id', 'a question');
  const id = expectString(src, idNode, 'a question id');
  const [prefix, name, ...rest] = id.split('.');
  if (prefix !== section || name === undefined || !NAME.test(name) || rest.length > 0)
    fail(src, idNode, `question id '${id}' must be '${section}.<name>' in lowercase with underscores`);
  if (earlier.some((q) => q.id === id)) fail(src, idNode, `duplicate question id '${id}'`);
  const what = `question ${id}`;
  const type = parseType(src, required(src, map, get, 'type', what), QUESTION_TYPES, what);
  const spec = parseInputSpec(src, map, get, type, what);

  let item: Field[] | undefined;
  let resourcePrefix: string | undefined;
  if (type === 'list') {
    item = parseItem(src, required(src, map, get, 'item', what), what);
    const prefixNode = required(src, map, get, 'resource_prefix', what);
    resourcePrefix = expectString(src, prefixNode, 'resource_prefix');
    if (!NAME.test(resourcePrefix)) fail(src, prefixNode, 'resource_prefix must be one lowercase word');
  } else {
    for (const key of ['item', 'resource_prefix'])
      if (get(key) !== undefined) fail(src, get(key), `'${key}' is only for list questions`);
  }

  const question: Question = {
    id,
    section,
    type,
    ...spec,
    help: expectString(src, required(src, map, get, 'help', what), `help of ${what}`),
    criteria: parseCriteria(src, required(src, map, get, 'criteria', what), what),
    rules: [],
    line: lineOf(src, node) ?? 1,
    ...(item ? { item, resourcePrefix } : {}),
  };

  const showIfNode = get('show_if');
  if (showIfNode !== undefined) {
    question.showIf = parseCondition(src, showIfNode, (leaf, leafNode) => {
      if (!leaf.question || leaf.field) fail(src, leafNode, 'show_if must name an earlier `question`');
      const target = earlier.find((q) => q.id === leaf.question);
      if (!target)
        fail(
          src,
          leafNode,
          `show_if refers to unknown question '${leaf.question}' (it must come earlier in this file)`,
        );
      checkTest(src, leafNode, leaf.test, target, { allowUnknown: true, allowAge: false });
    });
  }

  const rulesNode = get('rules');
  if (rulesNode !== undefined)
    question.rules = expectSeq(src, rulesNode, `rules of ${what}`).items.map((r) =>
      parseRule(src, r as YamlNode, question, earlier),
    );
  return question;
}

function parseType<T extends string>(
  src: YamlSource,
  node: YamlNode | null,
  allowed: readonly T[],
  what: string,
): T {
  const type = expectString(src, node, `type of ${what}`);
  if (!(allowed as readonly string[]).includes(type))
    fail(src, node, `unknown type '${type}' for ${what} (expected one of: ${allowed.join(', ')})`);
  return type as T;
}

function parseInputSpec(
  src: YamlSource,
  map: YAMLMap,
  get: (key: string) => YamlNode | null | undefined,
  type: QuestionType,
  what: string,
): InputSpec {
  const spec: InputSpec = {
    text: expectString(src, required(src, map, get, 'text', what), `text of ${what}`),
  };
  const help = get('help');
  if (help !== undefined) spec.help = expectString(src, help, `help of ${what}`);
  const onlyFor = (key: string, wanted: QuestionType) => {
    if (get(key) !== undefined && type !== wanted)
      fail(src, get(key), `'${key}' is only for ${wanted} questions`);
  };
  onlyFor('options', 'choice');
  onlyFor('min', 'number');
  onlyFor('max', 'number');
  onlyFor('allow_never', 'date');
  if (type === 'choice') spec.options = parseOptions(src, required(src, map, get, 'options', what), what);
  if (get('min') !== undefined) spec.min = expectNumber(src, get('min'), 'min');
  if (get('max') !== undefined) spec.max = expectNumber(src, get('max'), 'max');
  if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
    fail(src, get('max'), `max must not be below min in ${what}`);
  if (get('allow_never') !== undefined)
    spec.allowNever = expectBoolean(src, get('allow_never'), 'allow_never');
  return spec;
}

function parseOptions(src: YamlSource, node: YamlNode | null, what: string): ChoiceOption[] {
  const seq = expectSeq(src, node, `options of ${what}`);
  if (seq.items.length < 2) fail(src, seq, `a choice needs at least two options (${what})`);
  const options = seq.items.map((item): ChoiceOption => {
    const optionNode = item as YamlNode;
    if (scalarValue(optionNode) !== undefined) {
      const value = expectString(src, optionNode, 'an option');
      return { value, label: value };
    }
    const { map, get } = readMap(src, optionNode, 'an option', ['value', 'label']);
    return {
      value: expectString(src, required(src, map, get, 'value', 'an option'), 'an option value'),
      label: expectString(src, required(src, map, get, 'label', 'an option'), 'an option label'),
    };
  });
  options.forEach((option, i) => {
    const optionNode = seq.items[i] as YamlNode;
    if (!NAME.test(option.value))
      fail(src, optionNode, `option '${option.value}' must be lowercase with underscores`);
    if (option.value === UNKNOWN_ANSWER)
      fail(src, optionNode, "'unknown' is always offered; leave it out of the options");
    if (options.findIndex((o) => o.value === option.value) !== i)
      fail(src, optionNode, `duplicate option '${option.value}'`);
  });
  return options;
}

function parseItem(src: YamlSource, node: YamlNode | null, what: string): Field[] {
  const seq = expectSeq(src, node, `item of ${what}`);
  const fields: Field[] = [];
  for (const fieldNode of seq.items as YamlNode[]) {
    const { map, get } = readMap(src, fieldNode, 'a list field', INPUT_KEYS);
    const idNode = required(src, map, get, 'id', 'a list field');
    const id = expectString(src, idNode, 'a field id');
    if (!NAME.test(id)) fail(src, idNode, `field id '${id}' must be lowercase with underscores`);
    if (fields.some((f) => f.id === id)) fail(src, idNode, `duplicate field id '${id}'`);
    const fieldWhat = `field ${id} of ${what}`;
    const types = QUESTION_TYPES.filter((t): t is FieldType => t !== 'list');
    const type = parseType(src, required(src, map, get, 'type', fieldWhat), types, fieldWhat);
    const field: Field = { id, type, ...parseInputSpec(src, map, get, type, fieldWhat) };
    if (fields.length === 0 && type !== 'text')
      fail(src, fieldNode, `the first field of ${what} names the item and must be text`);
    const showIfNode = get('show_if');
    if (showIfNode !== undefined) {
      if (fields.length === 0) fail(src, showIfNode, 'the naming field is always asked');
      field.showIf = parseCondition(src, showIfNode, (leaf, leafNode) => {
        const target = fields.find((f) => f.id === leaf.field);
        if (!target || leaf.question)
          fail(
            src,
            leafNode,
            `a field's show_if must name an earlier sibling \`field\` (got '${leaf.field ?? leaf.question}')`,
          );
        checkTest(src, leafNode, leaf.test, target, { allowUnknown: true, allowAge: false });
      });
    }
    fields.push(field);
  }
  if (fields.length === 0) fail(src, seq, `item of ${what} needs at least one field`);
  return fields;
}

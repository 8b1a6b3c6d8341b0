// Rules in questionnaire files: when an answer is a gap, the reason sentences, and the metadata the
// plan needs (ControlMeta).

import { isOwnerRole, type Effort, type Remediation } from '../model/check.js';
import { isCriterionId, type CriterionId } from '../model/criteria.js';
import { isSeverity } from '../model/finding.js';
import { checkTest, parseCondition, type LeafCheck } from './parse-conditions.js';
import type { Condition, Question, Rule } from './types.js';
import {
  expectNumber,
  expectSeq,
  expectString,
  fail,
  lineOf,
  readMap,
  required,
  type YamlNode,
  type YamlSource,
} from './yaml-nodes.js';

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Check ids start with their provider; rule ids must not, so a dependency's kind is clear. */
export const CHECK_ID = /^(aws|azure)-/;
const SNIPPET_LANGUAGES = ['shell', 'terraform', 'bicep', 'json', 'yaml'] as const;

export function parseCriteria(src: YamlSource, node: YamlNode | null, what: string): CriterionId[] {
  const seq = expectSeq(src, node, `criteria of ${what}`);
  if (seq.items.length === 0) fail(src, seq, `criteria of ${what} must not be empty`);
  const ids: CriterionId[] = [];
  for (const item of seq.items as YamlNode[]) {
    const id = expectString(src, item, 'a criterion id');
    if (!isCriterionId(id)) fail(src, item, `unknown criterion '${id}' (use the form CC6.1, A1.2, PI1.3)`);
    if (ids.includes(id)) fail(src, item, `criterion ${id} is listed twice`);
    ids.push(id);
  }
  return ids;
}

const RULE_KEYS = [
  'id',
  'title',
  'severity',
  'criteria',
  'risk',
  'remediation',
  'effort',
  'owner',
  'evidence',
  'dependsOn',
  'applies_if',
  'fail_if',
  'pass',
  'fail',
  'evidenced_since',
];

export function parseRule(src: YamlSource, node: YamlNode, question: Question, earlier: Question[]): Rule {
  const { map, get } = readMap(src, node, 'a rule', RULE_KEYS);
  const idNode = required(src, map, get, 'id', `a rule of ${question.id}`);
  const id = expectString(src, idNode, 'a rule id');
  if (!RULE_ID.test(id) || CHECK_ID.test(id))
    fail(
      src,
      idNode,
      `rule id '${id}' must be lowercase words joined by '-', not starting with aws- or azure-`,
    );
  const what = `rule ${id}`;
  const need = (key: string) => required(src, map, get, key, what);

  // A scalar rule tests its own answer; a list rule tests the fields of each item.
  const targetOf = (leaf: Extract<Condition, { kind: 'leaf' }>, leafNode: YamlNode | null) => {
    if (leaf.question) fail(src, leafNode, `a rule tests its own question's answer; drop 'question'`);
    if (question.type !== 'list') {
      if (leaf.field) fail(src, leafNode, `'field' is only for rules on list questions`);
      return question;
    }
    const field = question.item?.find((f) => f.id === leaf.field);
    if (!field)
      fail(src, leafNode, `a list rule must name a \`field\` of the item (got '${leaf.field ?? ''}')`);
    return field;
  };
  const checkLeaf: LeafCheck = (leaf, leafNode) =>
    checkTest(src, leafNode, leaf.test, targetOf(leaf, leafNode), { allowUnknown: false, allowAge: true });

  const severityNode = need('severity');
  const severity = expectString(src, severityNode, 'severity');
  if (!isSeverity(severity))
    fail(src, severityNode, `unknown severity '${severity}' (critical, high, medium, low)`);
  const ownerNode = need('owner');
  const owner = expectString(src, ownerNode, 'owner');
  if (!isOwnerRole(owner)) fail(src, ownerNode, `unknown owner '${owner}'`);

  const rule: Rule = {
    id,
    question: question.id,
    title: expectString(src, need('title'), `title of ${what}`),
    severity,
    criteria:
      get('criteria') === undefined ? question.criteria : parseCriteria(src, get('criteria') ?? null, what),
    risk: expectString(src, need('risk'), `risk of ${what}`),
    remediation: parseRemediation(src, need('remediation'), what),
    effort: parseEffort(src, need('effort'), what),
    owner,
    evidence: expectString(src, need('evidence'), `evidence of ${what}`),
    failIf: parseCondition(src, need('fail_if'), checkLeaf),
    passReason: parseTemplate(src, need('pass'), question),
    failReason: parseTemplate(src, need('fail'), question),
    line: lineOf(src, node) ?? 1,
  };
  if (get('applies_if') !== undefined)
    rule.appliesIf = parseCondition(src, get('applies_if') ?? null, checkLeaf);
  if (get('dependsOn') !== undefined) {
    const seq = expectSeq(src, get('dependsOn'), 'dependsOn');
    rule.dependsOn = seq.items.map((d) => expectString(src, d as YamlNode, 'a dependency id'));
    if (rule.dependsOn.includes(id)) fail(src, seq, `${what} cannot depend on itself`);
  }
  if (get('evidenced_since') !== undefined) {
    const sinceNode = get('evidenced_since') ?? null;
    const from = expectString(src, sinceNode, 'evidenced_since');
    const target =
      question.type === 'list'
        ? question.item?.find((f) => f.id === from)
        : [...earlier, question].find((q) => q.id === from);
    if (target?.type !== 'date')
      fail(
        src,
        sinceNode,
        `evidenced_since must name a date ${question.type === 'list' ? 'field of the item' : 'question of this file'}`,
      );
    rule.evidencedSinceFrom = from;
  }
  return rule;
}

function parseRemediation(src: YamlSource, node: YamlNode | null, what: string): Remediation {
  const { map, get } = readMap(src, node, `remediation of ${what}`, ['summary', 'snippet']);
  const remediation: Remediation = {
    summary: expectString(src, required(src, map, get, 'summary', `remediation of ${what}`), 'summary'),
  };
  const snippetNode = get('snippet');
  if (snippetNode !== undefined) {
    const snippet = readMap(src, snippetNode, 'a snippet', ['language', 'code']);
    const languageNode = required(src, snippet.map, snippet.get, 'language', 'a snippet');
    const language = expectString(src, languageNode, 'language');
    if (!(SNIPPET_LANGUAGES as readonly string[]).includes(language))
      fail(src, languageNode, `unknown snippet language '${language}' (${SNIPPET_LANGUAGES.join(', ')})`);
    remediation.snippet = {
      language: language as (typeof SNIPPET_LANGUAGES)[number],
      code: expectString(src, required(src, snippet.map, snippet.get, 'code', 'a snippet'), 'code'),
    };
  }
  return remediation;
}

function parseEffort(src: YamlSource, node: YamlNode | null, what: string): Effort {
  const { map, get } = readMap(src, node, `effort of ${what}`, ['baseHours', 'perResourceHours', 'maxHours']);
  const hours = (key: string) => {
    const valueNode = required(src, map, get, key, `effort of ${what}`);
    const value = expectNumber(src, valueNode, key);
    if (value < 0) fail(src, valueNode, `${key} must not be negative`);
    return value;
  };
  const effort = {
    baseHours: hours('baseHours'),
    perResourceHours: hours('perResourceHours'),
    maxHours: hours('maxHours'),
  };
  if (effort.maxHours < effort.baseHours) fail(src, map, `maxHours must be at least baseHours in ${what}`);
  return effort;
}

/** A reason sentence; its placeholders must name the answer (scalar rules) or an item field (list rules). */
function parseTemplate(src: YamlSource, node: YamlNode | null, question: Question): string {
  const template = expectString(src, node, 'a reason');
  for (const [placeholder, name = '', part] of template.matchAll(/\{([^}.]*)(?:\.([^}]*))?\}/g)) {
    const known =
      question.type === 'list' ? question.item?.some((f) => f.id === name) === true : name === 'answer';
    if (!known || (part !== undefined && part !== 'label' && part !== 'days'))
      fail(
        src,
        node,
        `unknown placeholder ${placeholder}: use ${question.type === 'list' ? '{<field>}' : '{answer}'}, optionally with .label or .days`,
      );
  }
  return template;
}

// The pipeline both front ends call: check findings + answers -> findings of both kinds -> plan.

import type { Category } from '../model/criteria.js';
import type { Finding } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import { evaluateChecks } from '../evaluate/evaluate-checks.js';
import { buildPlan } from '../plan/build-plan.js';
import type { Plan } from '../plan/types.js';
import { evaluateAnswers } from '../questionnaire/evaluate.js';
import { planningInputs } from '../questionnaire/planning.js';
import type { Answers } from '../questionnaire/types.js';
import type { Content } from './content.js';

export interface Assessment {
  findings: Finding[];
  plan: Plan;
}

export function evaluateSnapshots(content: Content, snapshots: readonly Snapshot[]): Finding[] {
  return evaluateChecks(snapshots, content.checks);
}

/** Combines check findings with the answers' findings and plans. Pure. */
export function assess(input: {
  content: Content;
  checkFindings: readonly Finding[];
  answers: Answers;
  categories: readonly Category[];
  asOf: string;
}): Assessment {
  const { content, answers, asOf } = input;
  const checkFindings = input.checkFindings.filter((f) => f.source === 'check');
  const findings = [...checkFindings, ...evaluateAnswers(content.questionnaires, answers, asOf)];
  const plan = buildPlan({
    findings,
    catalog: content.catalog,
    settings: planningInputs(answers),
    categories: input.categories,
    asOf,
  });
  return { findings, plan };
}

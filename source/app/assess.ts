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
import type { RunRecord } from '../store/workspace-data.js';
import type { Workspace } from '../store/workspace.js';
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

/** The workspace's latest run with the current answers, planned; undefined before the first run. */
export async function assessLatestRun(
  workspace: Workspace,
  content: Content,
  asOf: string,
): Promise<(Assessment & { run: RunRecord }) | undefined> {
  const run = workspace.latestRun();
  if (!run) return undefined;
  const assessment = assess({
    content,
    checkFindings: await workspace.loadFindings(run),
    answers: workspace.answers,
    categories: workspace.data.scope.categories,
    asOf,
  });
  return { ...assessment, run };
}

/** How an export names where its findings came from. */
export function runLabel(run: RunRecord): string {
  return `Run ${run.id} (${runSource(run)})`;
}

/** Where a run's evidence came from, in words: the demo estate, or the accounts it read. */
export function runSource(run: RunRecord): string {
  if (run.source !== 'live') return run.source === 'demo' ? 'demo estate' : 'test fixture';
  return run.snapshots.length > 0 ? run.snapshots.map((s) => s.label).join(', ') : 'live, nothing read';
}

// The headless commands, for scripts and CI. Each returns its exit code; output goes through `io`
// so tests can run them in-process.

import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Category } from '../model/criteria.js';
import { SEVERITIES, type Finding, type Severity } from '../model/finding.js';
import type { Plan } from '../plan/types.js';
import { assess, assessLatestRun, evaluateSnapshots, runLabel } from '../app/assess.js';
import { loadContent, type Content } from '../app/content.js';
import { demoEstate } from '../app/demo.js';
import { diffLatestRuns } from '../app/diff.js';
import { readinessTrend, trendLine } from '../app/trend.js';
import { demoStageFor, scanAndRecord, type ScanOptions } from '../app/scan.js';
import { detectCredentials } from '../app/credentials.js';
import type { AwsTarget } from '../collect/aws/credentials.js';
import type { AzureTarget } from '../collect/azure/credentials.js';
import { signed } from '../export/labels.js';
import { renderPlan } from '../export/render.js';
import { exportAnswers, parseAnswers } from '../questionnaire/answers.js';
import { Workspace, workspaceDir } from '../store/workspace.js';
import { InputError } from '../util/errors.js';
import type { Command, GlobalFlags, Invocation } from './args.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  now: Date;
}

/** The demo fintech's audit scope: Security plus the categories its customers ask about. */
export const DEMO_CATEGORIES: readonly Category[] = ['security', 'availability', 'confidentiality'];

export async function runHeadless({ command, flags }: Invocation, io: Io): Promise<number> {
  switch (command.name) {
    case 'scan':
      return scan(command, flags, await loadContent(), io);
    case 'plan':
      return plan(command, flags, await loadContent(), io);
    case 'answers-import':
      return importAnswers(command.file, flags, await loadContent(), io);
    case 'answers-export':
      return exportAnswersCommand(command.out, flags, io);
    case 'diff':
      return diff(flags, io);
    default:
      throw new Error(`not a headless command: ${command.name}`);
  }
}

async function openWorkspace(flags: GlobalFlags, io: Io): Promise<Workspace> {
  return Workspace.open(workspaceDir(flags.workspace, io.cwd), io.now);
}

async function scan(
  command: Extract<Command, { name: 'scan' }>,
  flags: GlobalFlags,
  content: Content,
  io: Io,
): Promise<number> {
  const workspace = await openWorkspace(flags, io);
  const demoNote =
    demoStageFor(workspace) === 'remediated'
      ? ' (demo estate, a few weeks on: some gaps fixed)'
      : ' (demo estate)';
  const { run, findings, skipped } = await scanAndRecord(workspace, content, {
    demo: flags.demo,
    now: io.now,
    ...(flags.demo ? {} : await liveTargets(command)),
  });
  for (const reason of skipped) io.stderr(`soc2-ready: skipped ${reason}\n`);
  if (flags.json) {
    io.stdout(`${JSON.stringify({ runId: run.id, findings }, null, 2)}\n`);
  } else {
    io.stdout(
      [
        `Recorded run ${run.id} in ${workspace.dir}${run.source === 'demo' ? demoNote : ''}.`,
        `Findings: ${run.counts.FAIL} failing, ${run.counts.UNKNOWN} could not be assessed, ${run.counts.PASS} passing.`,
        `Readiness: design ${run.readiness.design}%, operating evidence ${run.readiness.operating}%.`,
        `Next: soc2-ready plan${flags.workspace ? ` --workspace ${flags.workspace}` : ''}`,
        '',
      ].join('\n'),
    );
  }
  return failsOn(
    command.failOn,
    findings.filter((f) => f.status === 'FAIL'),
  )
    ? 1
    : 0;
}

/**
 * What a live scan reads. AWS: the named profiles, or the SDK's default credentials. Azure: the logins
 * found on the machine (CLI, environment, managed identity), or the SDK's default chain when Azure
 * alone was asked for; with `--provider all` and no Azure login, Azure is left out rather than failing.
 */
async function liveTargets(
  command: Extract<Command, { name: 'scan' }>,
): Promise<Pick<ScanOptions, 'aws' | 'regions' | 'azure' | 'subscriptions' | 'assumeRole'>> {
  const aws: AwsTarget[] =
    command.provider === 'azure'
      ? []
      : command.profiles
        ? command.profiles.map((profile) => ({ provider: 'aws', from: 'profile', profile, sso: false }))
        : [{ provider: 'aws', from: 'default' }];
  let azure: AzureTarget[] = [];
  if (command.provider !== 'aws') {
    const found = (await detectCredentials()).flatMap((c) =>
      c.target.provider === 'azure' ? [c.target] : [],
    );
    azure = [...new Map(found.map((t) => [t.via, t])).values()];
    if (azure.length === 0 && command.provider === 'azure') azure = [{ provider: 'azure', via: 'default' }];
  }
  return {
    aws,
    azure,
    ...(command.regions ? { regions: command.regions } : {}),
    ...(command.subscriptions ? { subscriptions: command.subscriptions } : {}),
    ...(command.assumeRole ? { assumeRole: command.assumeRole } : {}),
  };
}

async function plan(
  command: Extract<Command, { name: 'plan' }>,
  flags: GlobalFlags,
  content: Content,
  io: Io,
): Promise<number> {
  const { plan, source, organisation } = await currentPlan(flags, content, io);
  const text = renderPlan(plan, command.format, { source, organisation, generatedAt: io.now });
  if (command.out) {
    const file = resolve(io.cwd, command.out);
    await writeFile(file, text);
    io.stderr(`Plan written to ${file}\n`);
  } else {
    io.stdout(text);
  }
  return failsOn(command.failOn, plan.gaps) ? 1 : 0;
}

/** The plan for the workspace's latest run and current answers, or for the demo estate. */
export async function currentPlan(
  flags: GlobalFlags,
  content: Content,
  io: Io,
): Promise<{ plan: Plan; source: string; organisation: string }> {
  const asOf = io.now.toISOString();
  if (flags.demo) {
    const demo = await demoEstate(io.now);
    const { plan } = assess({
      content,
      checkFindings: evaluateSnapshots(content, demo.snapshots),
      answers: demo.answers,
      categories: DEMO_CATEGORIES,
      asOf,
    });
    return {
      plan,
      source: 'Demo estate (Ledgerline, fictional) with sample answers',
      organisation: 'demo:ledgerline',
    };
  }
  const workspace = await openWorkspace(flags, io);
  const latest = await assessLatestRun(workspace, content, asOf);
  if (!latest) {
    throw new InputError(
      `No scan is recorded in ${workspace.dir} yet: run \`soc2-ready scan\` first, or add --demo to see the sample estate.`,
    );
  }
  return { plan: latest.plan, source: runLabel(latest.run), organisation: workspace.key };
}

async function importAnswers(file: string, flags: GlobalFlags, content: Content, io: Io): Promise<number> {
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `could not read the answers file (${(error as NodeJS.ErrnoException).code ?? error}).`,
      path,
    );
  }
  const answers = parseAnswers(text, path, content.questionnaires);
  const workspace = await openWorkspace(flags, io);
  // Imported answers win; answers already saved for other questions are kept.
  await workspace.replaceAnswers({ ...workspace.answers, ...answers });
  io.stdout(`Imported ${Object.keys(answers).length} answers into ${workspace.dir}.\n`);
  return 0;
}

async function exportAnswersCommand(out: string | undefined, flags: GlobalFlags, io: Io): Promise<number> {
  const answers = flags.demo ? (await demoEstate(io.now)).answers : (await openWorkspace(flags, io)).answers;
  const text = flags.json ? `${JSON.stringify(answers, null, 2)}\n` : exportAnswers(answers);
  if (out) {
    const file = resolve(io.cwd, out);
    await writeFile(file, text);
    io.stderr(`Answers written to ${file}\n`);
  } else {
    io.stdout(text);
  }
  return 0;
}

async function diff(flags: GlobalFlags, io: Io): Promise<number> {
  const workspace = await openWorkspace(flags, io);
  const result = await diffLatestRuns(workspace);
  if (!result) {
    throw new InputError(
      `diff needs two recorded runs in ${workspace.dir}; it has ${workspace.runs.length}.`,
    );
  }
  const trend = readinessTrend(workspace.runs);
  if (flags.json) {
    io.stdout(`${JSON.stringify({ ...result, trend }, null, 2)}\n`);
    return 0;
  }
  const list = (findings: readonly Finding[]) =>
    findings.slice(0, 20).map((f) => `  - ${f.title}: ${f.resourceName ?? f.resourceId}`);
  io.stdout(
    [
      `${result.from.id} -> ${result.to.id}`,
      `Readiness: design ${result.to.readiness.design}% (${signed(result.scoreChange.design)}), operating ${result.to.readiness.operating}% (${signed(result.scoreChange.operating)})`,
      `Over ${trend.length} runs: ${trendLine(trend, 'design')}, ${trendLine(trend, 'operating')}`,
      `Fixed: ${result.fixed.length}`,
      ...list(result.fixed),
      `New: ${result.new.length} (${result.new.filter((f) => f.regressed).length} regressed)`,
      ...list(result.new),
      `Still open: ${result.stillOpen.length}`,
      `Newly not assessable: ${result.newlyUnknown.length}`,
      '',
    ].join('\n'),
  );
  return 0;
}

function failsOn(threshold: Severity | undefined, items: readonly { severity: Severity }[]): boolean {
  if (!threshold) return false;
  const limit = SEVERITIES.indexOf(threshold);
  return items.some((item) => SEVERITIES.indexOf(item.severity) <= limit);
}

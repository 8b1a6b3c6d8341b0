// Collect (or load the demo estate), evaluate, and record a run in the workspace. Progress is reported
// per account or subscription, service and region, so a screen can show each line as it finishes; a cancel
// keeps every account that finished and records the run as partial.

import type { Check } from '../model/check.js';
import { countStatuses, type Finding, type StatusCounts } from '../model/finding.js';
import {
  checkServiceOf,
  scopeNameOf,
  type CollectionError,
  type Snapshot,
  type SnapshotSource,
} from '../model/snapshot.js';
import type { RunRecord } from '../store/workspace-data.js';
import type { Workspace } from '../store/workspace.js';
import { CollectError } from '../util/errors.js';
import { evaluateChecks, evaluateSnapshot } from '../evaluate/evaluate-checks.js';
import { assess } from './assess.js';
import type { Content } from './content.js';
import { demoEstate } from './demo.js';
import type { AwsTarget } from '../collect/aws/credentials.js';
import type { AzureTarget } from '../collect/azure/credentials.js';
import type { ServiceProgress } from '../collect/progress.js';

export interface ScanOptions {
  demo: boolean;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Called as each account or subscription starts, with its label, so a screen can say what it reads. */
  onAccountStart?: (label: string) => void;
  /** Live scans: each service of the current account as it starts and ends. */
  onService?: ServiceProgress;
  /** Live collection: one AWS account per credential. */
  aws?: readonly AwsTarget[];
  /** Regions to read; empty or absent means every enabled region. */
  regions?: readonly string[];
  /**
   * AWS Organizations: read every active account of each credential's organization, members through
   * this role name (e.g. a read-only audit role deployed by StackSets or Control Tower).
   */
  assumeRole?: string;
  /** Live collection: every enabled subscription each Azure credential reaches. */
  azure?: readonly AzureTarget[];
  /** Azure subscription ids to read; empty or absent means all. */
  subscriptions?: readonly string[];
}

/** One finished line of a scan: an account or subscription, one of its services, and a region. */
export interface ScanProgress {
  provider: Snapshot['provider'];
  scope: string;
  service: string;
  /** Absent for global services (IAM, Entra) and account-wide results. */
  region?: string;
  counts: StatusCounts;
  errors: CollectionError[];
}

/** A credential still to read: its label, and its snapshots (an AWS account; an Azure login's subscriptions). */
interface SnapshotJob {
  label: string;
  collect: () => AsyncIterable<Snapshot>;
}

export type DemoStage = 'initial' | 'remediated';

/** A workspace's first demo scan sees the estate as it is; later ones see it after some remediation. */
export function demoStageFor(workspace: Workspace): DemoStage {
  return workspace.runs.some((run) => run.source === 'demo') ? 'remediated' : 'initial';
}

async function snapshotJobs(
  options: ScanOptions,
  demoStage: DemoStage,
): Promise<{ jobs: SnapshotJob[]; source: SnapshotSource }> {
  if (options.demo) {
    const { snapshots } = await demoEstate(options.now, demoStage);
    return {
      jobs: snapshots.map((snapshot) => ({
        label: scopeNameOf(snapshot),
        collect: async function* () {
          yield snapshot;
        },
      })),
      source: 'demo',
    };
  }
  const aws = options.aws ?? [];
  const azure = options.azure ?? [];
  if (aws.length === 0 && azure.length === 0)
    throw new CollectError(
      'No cloud credentials to scan with. Sign in (aws sso login or a profile with SecurityAudit; az login as a Reader), or run with --demo to use the embedded sample estate.',
    );
  const common = {
    now: () => options.now,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onService ? { onService: options.onService } : {}),
  };
  // The SDKs load only when a live scan starts (they cost start-up time otherwise).
  const jobs: SnapshotJob[] = [];
  if (aws.length > 0) {
    const { collectAwsAccount, describeTarget } = await import('../collect/aws/collect-account.js');
    const awsCommon = { ...common, ...(options.regions ? { regions: options.regions } : {}) };
    for (const target of aws) {
      if (!options.assumeRole) {
        jobs.push({
          label: describeTarget(target),
          collect: async function* () {
            yield await collectAwsAccount(target, awsCommon);
          },
        });
        continue;
      }
      // The whole organization: one job per active account, members through the role they trust.
      const role = options.assumeRole;
      const { organizationAccounts, memberCredentials } =
        await import('../collect/aws/organization-accounts.js');
      try {
        for (const account of await organizationAccounts(target, options.signal)) {
          const label = `AWS account ${account.name ?? account.id}${account.own ? '' : ` (role ${role})`}`;
          jobs.push({
            label,
            collect: async function* () {
              yield await collectAwsAccount(target, {
                ...awsCommon,
                label,
                ...(account.own ? {} : { credentials: memberCredentials(target, account.id, role) }),
              });
            },
          });
        }
      } catch (error) {
        if (!(error instanceof CollectError)) throw error;
        jobs.push({
          label: describeTarget(target),
          collect: () => {
            throw error;
          },
        });
      }
    }
  }
  if (azure.length > 0) {
    const { collectAzure, describeAzureTarget } = await import('../collect/azure/collect-subscription.js');
    for (const target of azure)
      jobs.push({
        label: describeAzureTarget(target),
        collect: () =>
          collectAzure(target, {
            ...common,
            ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
            ...(options.onAccountStart
              ? { onSubscription: (name: string) => options.onAccountStart?.(`Azure subscription ${name}`) }
              : {}),
          }),
      });
  }
  return { jobs, source: 'live' };
}

/**
 * Runs a scan and records it; the recorded findings include the answers' findings at that moment.
 * Accounts are read one after another, each evaluated and reported as it finishes. A cancel keeps
 * what finished (a partial run); an account whose credential fails is reported and skipped.
 */
export async function scanAndRecord(
  workspace: Workspace,
  content: Content,
  options: ScanOptions,
): Promise<{ run: RunRecord; findings: Finding[]; skipped: string[] }> {
  const { jobs, source } = await snapshotJobs(options, demoStageFor(workspace));
  const finished: Snapshot[] = [];
  const skipped: string[] = [];
  for (const job of jobs) {
    if (options.signal?.aborted) break;
    options.onAccountStart?.(job.label);
    try {
      for await (const snapshot of job.collect()) {
        finished.push(snapshot);
        // Against what has been read so far; the recorded findings see the whole run.
        const findings = evaluateSnapshot(snapshot, content.checks, finished);
        for (const line of progressLines(snapshot, findings, content.checks)) {
          options.onProgress?.(line);
          // Let the screen draw each line and notice Esc between them.
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (options.signal?.aborted) break;
      }
    } catch (error) {
      if (options.signal?.aborted) break;
      if (!(error instanceof CollectError)) throw error;
      skipped.push(error.message);
    }
  }
  if (finished.length === 0 && options.signal?.aborted)
    throw new CollectError('Cancelled before any account was read: nothing was recorded.');
  if (finished.length === 0 && skipped.length > 0)
    throw new CollectError(
      `Nothing could be read. ${skipped.join(' ')} Sign in again, or run with --demo to see the sample estate.`,
    );
  // Cancelled, or an account could not be read: the run does not cover everything that was asked.
  const partial = options.signal?.aborted === true || skipped.length > 0;
  const { findings, plan } = assess({
    content,
    // Evaluated again as a whole: a check can now see the other accounts (a central log archive).
    checkFindings: evaluateChecks(finished, content.checks),
    answers: workspace.answers,
    categories: workspace.data.scope.categories,
    asOf: options.now.toISOString(),
  });
  const run = await workspace.recordRun({
    snapshots: finished,
    findings,
    source,
    startedAt: options.now,
    partial,
    readiness: { design: plan.readiness.design.overall, operating: plan.readiness.operating.overall },
  });
  return { run, findings, skipped };
}

function progressLines(
  snapshot: Snapshot,
  findings: readonly Finding[],
  checks: readonly Check[],
): ScanProgress[] {
  const serviceOf = new Map(checks.map((c) => [c.id, c.service]));
  const services = [...new Set(checks.filter((c) => c.provider === snapshot.provider).map((c) => c.service))];
  return services.flatMap((service) => {
    const serviceFindings = findings.filter((f) => serviceOf.get(f.checkId) === service);
    const serviceErrors = snapshot.errors.filter((e) => checkServiceOf(e) === service);
    // One line per region the service was read in; global services (IAM, Entra) have none.
    const regions = [
      ...new Set([...serviceFindings.map((f) => f.region), ...serviceErrors.map((e) => e.region)]),
    ].sort(byRegion);
    if (regions.length === 0) regions.push(undefined);
    return regions.map((region) => ({
      provider: snapshot.provider,
      scope: scopeNameOf(snapshot),
      service,
      ...(region === undefined ? {} : { region }),
      counts: countStatuses(serviceFindings.filter((f) => f.region === region)),
      errors: serviceErrors.filter((e) => e.region === region),
    }));
  });
}

/** The region-less (global) line first, then regions by name. */
function byRegion(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a.localeCompare(b);
}

// The workspace database: what is in it, how it is checked on load, and how old files are migrated.
// Findings and snapshots live in files beside it (runs/<id>/), so saving an answer after every
// question rewrites a small file, not every run's evidence.

import type { AwsTarget } from '../collect/aws/credentials.js';
import type { AzureTarget } from '../collect/azure/credentials.js';
import type { Category } from '../model/criteria.js';
import type { Provider, SnapshotSource } from '../model/snapshot.js';
import type { Answers } from '../questionnaire/types.js';
import { InputError } from '../util/errors.js';

export const WORKSPACE_SCHEMA_VERSION = 1;

export interface Scope {
  providers: Provider[];
  /** TSC categories in scope besides Security, which is always in. */
  categories: Category[];
  /** Account or subscription ids to collect; empty means all that the credentials reach. */
  accounts: string[];
  /** Regions to collect; empty means all enabled regions. */
  regions: string[];
  /**
   * The AWS credentials chosen for live scans (profile names or "environment", never secrets), one
   * account each; absent or empty means scans use the demo estate.
   */
  aws?: AwsTarget[];
  /** Read every active account of the AWS organization, members through this role (scan --assume-role). */
  awsOrganizationRole?: string;
  /** The Azure sign-ins chosen for live scans (CLI, environment, managed identity), never secrets. */
  azure?: AzureTarget[];
}

export interface SnapshotRecord {
  provider: Provider;
  scopeId: string;
  label: string;
  /** Relative to the workspace folder. */
  file: string;
  sha256: string;
  collectedAt: string;
  errorCount: number;
}

export interface RunRecord {
  id: string;
  startedAt: string;
  finishedAt: string;
  source: SnapshotSource;
  snapshots: SnapshotRecord[];
  /** Relative to the workspace folder. */
  findingsFile: string;
  counts: { PASS: number; FAIL: number; UNKNOWN: number };
  /** True when the scan was cancelled: only the accounts that finished are in it. */
  partial?: boolean;
  /** Overall readiness when the run was recorded, for the trend over time. */
  readiness: { design: number; operating: number };
}

export interface WorkspaceData {
  schemaVersion: typeof WORKSPACE_SCHEMA_VERSION;
  createdAt: string;
  scope: Scope;
  answers: {
    values: Answers;
    updatedAt?: string;
    /** The question the guided session resumes at. */
    resumeAt?: string;
  };
  runs: RunRecord[];
}

export function emptyWorkspace(now: Date): WorkspaceData {
  return {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    createdAt: now.toISOString(),
    scope: { providers: ['aws', 'azure'], categories: [], accounts: [], regions: [] },
    answers: { values: {} },
    runs: [],
  };
}

/** Older schema versions, each migrated one step up. Empty until version 2 exists. */
const MIGRATIONS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parses and checks the database text; throws InputError naming the file and what is wrong. */
export function parseWorkspaceData(text: string, file: string): WorkspaceData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const line = jsonErrorLine(text, error);
    throw new InputError(
      `the workspace database is not valid JSON; it was left as it is. Fix it or move it aside to start afresh.`,
      file,
      line,
    );
  }
  if (!isObject(raw)) throw corrupt(file, 'it does not hold an object');
  let data = raw;
  let version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version))
    throw corrupt(file, 'schemaVersion is missing');
  if (version > WORKSPACE_SCHEMA_VERSION) {
    throw new InputError(
      `the workspace was written by a newer soc2-ready (schema ${version}, this one reads up to ${WORKSPACE_SCHEMA_VERSION}); upgrade soc2-ready.`,
      file,
    );
  }
  while (version < WORKSPACE_SCHEMA_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw corrupt(file, `schema version ${version} cannot be migrated`);
    data = migrate(data);
    version += 1;
  }
  return checkShape(data, file);
}

function checkShape(data: Record<string, unknown>, file: string): WorkspaceData {
  const scope = data.scope;
  const answers = data.answers;
  if (typeof data.createdAt !== 'string') throw corrupt(file, 'createdAt is missing');
  if (!isObject(scope) || !Array.isArray(scope.providers) || !Array.isArray(scope.categories))
    throw corrupt(file, 'scope is malformed');
  if (!isObject(answers) || !isObject(answers.values)) throw corrupt(file, 'answers.values is malformed');
  if (!Array.isArray(data.runs)) throw corrupt(file, 'runs is not a list');
  data.runs.forEach((run, i) => {
    if (
      !isObject(run) ||
      typeof run.id !== 'string' ||
      typeof run.findingsFile !== 'string' ||
      !Array.isArray(run.snapshots)
    )
      throw corrupt(file, `runs[${i}] is malformed`);
  });
  scope.accounts ??= [];
  scope.regions ??= [];
  return data as unknown as WorkspaceData;
}

function corrupt(file: string, what: string): InputError {
  return new InputError(`the workspace database is damaged (${what}); it was left as it is.`, file);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Node's JSON errors say "at position N"; turn that into a 1-based line for the message. */
function jsonErrorLine(text: string, error: unknown): number | undefined {
  const match = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  if (!match) return text.trim() === '' ? 1 : undefined;
  return text.slice(0, Number(match[1])).split('\n').length;
}

// The workspace on disk: a lowdb database (db.json) plus one folder per run holding the snapshots
// (the evidence, with their SHA-256 in the database) and the findings. Writes are atomic (temp file
// and rename), so a Ctrl-C never leaves half a file; a damaged database is reported and left alone.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { countStatuses, type Finding } from '../model/finding.js';
import { scopeIdOf, scopeLabelOf, type Snapshot, type SnapshotSource } from '../model/snapshot.js';
import type { AnswerValue, Answers } from '../questionnaire/types.js';
import { InputError } from '../util/errors.js';
import {
  emptyWorkspace,
  parseWorkspaceData,
  type RunRecord,
  type Scope,
  type SnapshotRecord,
  type WorkspaceData,
} from './workspace-data.js';

export const DEFAULT_WORKSPACE = '.soc2-ready';
const DB_FILE = 'db.json';

export function workspaceDir(flag: string | undefined, cwd = process.cwd()): string {
  return resolve(cwd, flag ?? DEFAULT_WORKSPACE);
}

export class Workspace {
  private constructor(
    readonly dir: string,
    private readonly db: Low<WorkspaceData>,
  ) {}

  /** Opens (or creates on first write) the workspace in `dir`. Throws InputError for a damaged database. */
  static async open(dir: string, now = new Date()): Promise<Workspace> {
    const file = join(dir, DB_FILE);
    const adapter = new DataFile<WorkspaceData>(file, {
      parse: (text) => parseWorkspaceData(text, file),
      stringify: (data) => `${JSON.stringify(data, null, 2)}\n`,
    });
    const db = new Low<WorkspaceData>(adapter, emptyWorkspace(now));
    try {
      await db.read();
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`could not read the workspace database: ${(error as Error).message}`, file);
    }
    return new Workspace(dir, db);
  }

  get data(): Readonly<WorkspaceData> {
    return this.db.data;
  }

  /** Stable for the workspace's life: exports use it so their identifiers stay put across runs. */
  get key(): string {
    return `workspace:${this.data.createdAt}`;
  }

  get answers(): Answers {
    return this.db.data.answers.values;
  }

  get runs(): readonly RunRecord[] {
    return this.db.data.runs;
  }

  latestRun(): RunRecord | undefined {
    return this.db.data.runs.at(-1);
  }

  previousRun(): RunRecord | undefined {
    return this.db.data.runs.at(-2);
  }

  /** Saves one answer at once (and where the session stands), so quitting loses nothing. */
  async saveAnswer(questionId: string, value: AnswerValue | undefined, resumeAt?: string): Promise<void> {
    await this.write((data) => {
      if (value === undefined) delete data.answers.values[questionId];
      else data.answers.values[questionId] = value;
      data.answers.updatedAt = new Date().toISOString();
      if (resumeAt !== undefined) data.answers.resumeAt = resumeAt;
    });
  }

  async replaceAnswers(values: Answers): Promise<void> {
    await this.write((data) => {
      data.answers.values = values;
      data.answers.updatedAt = new Date().toISOString();
    });
  }

  async setResumeAt(questionId: string | undefined): Promise<void> {
    await this.write((data) => {
      if (questionId === undefined) delete data.answers.resumeAt;
      else data.answers.resumeAt = questionId;
    });
  }

  async setScope(scope: Scope): Promise<void> {
    await this.write((data) => {
      data.scope = scope;
    });
  }

  /** Writes the run's snapshots and findings to files, then records the run in the database. */
  async recordRun(input: {
    snapshots: readonly Snapshot[];
    findings: readonly Finding[];
    source: SnapshotSource;
    startedAt: Date;
    readiness: RunRecord['readiness'];
    partial?: boolean;
  }): Promise<RunRecord> {
    const id = runId(input.startedAt);
    const runDir = join(this.dir, 'runs', id);
    const snapshots: SnapshotRecord[] = [];
    for (const snapshot of input.snapshots) {
      const file = join(runDir, `snapshot-${snapshot.provider}-${safeName(scopeIdOf(snapshot))}.json`);
      const text = `${JSON.stringify(snapshot, null, 2)}\n`;
      await writeAtomically(file, text);
      snapshots.push({
        provider: snapshot.provider,
        scopeId: scopeIdOf(snapshot),
        label: scopeLabelOf(snapshot),
        file: relative(this.dir, file),
        sha256: createHash('sha256').update(text).digest('hex'),
        collectedAt: snapshot.collectedAt,
        errorCount: snapshot.errors.length,
      });
    }
    const findingsFile = join(runDir, 'findings.json');
    await writeAtomically(findingsFile, `${JSON.stringify(input.findings, null, 2)}\n`);
    const run: RunRecord = {
      id,
      startedAt: input.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      source: input.source,
      snapshots,
      findingsFile: relative(this.dir, findingsFile),
      counts: countStatuses(input.findings),
      readiness: input.readiness,
      ...(input.partial ? { partial: true } : {}),
    };
    await this.write((data) => {
      data.runs.push(run);
    });
    return run;
  }

  async loadFindings(run: RunRecord): Promise<Finding[]> {
    const file = join(this.dir, run.findingsFile);
    return readJson<Finding[]>(file, Array.isArray, 'a list of findings');
  }

  /** Loads a run's snapshots, refusing any whose content no longer matches its recorded SHA-256. */
  async loadSnapshots(run: RunRecord): Promise<Snapshot[]> {
    const snapshots: Snapshot[] = [];
    for (const record of run.snapshots) {
      const file = join(this.dir, record.file);
      const text = await readText(file);
      const sha = createHash('sha256').update(text).digest('hex');
      if (sha !== record.sha256)
        throw new InputError('the snapshot changed after it was recorded (SHA-256 differs).', file);
      snapshots.push(JSON.parse(text) as Snapshot);
    }
    return snapshots;
  }

  private async write(change: (data: WorkspaceData) => void): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.db.update(change);
  }
}

function runId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+/, '');
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `could not read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      file,
    );
  }
}

async function readJson<T>(file: string, valid: (value: unknown) => boolean, what: string): Promise<T> {
  const text = await readText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`not valid JSON; expected ${what}.`, file);
  }
  if (!valid(value)) throw new InputError(`expected ${what}.`, file);
  return value as T;
}

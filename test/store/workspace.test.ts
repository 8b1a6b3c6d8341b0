import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../source/store/workspace.js';
import { InputError } from '../../source/util/errors.js';
import { awsSnapshot } from '../fixtures/snapshots.js';
import type { Finding } from '../../source/model/finding.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soc2-ws-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const finding: Finding = {
  checkId: 'aws-x',
  source: 'check',
  status: 'FAIL',
  resourceId: 'r',
  criteria: ['CC6.1'],
  severity: 'high',
  title: 't',
  reason: 'why',
};

describe('Workspace', () => {
  it('keeps each answer on disk as soon as it is saved, with where to resume', async () => {
    const ws = await Workspace.open(dir);
    await ws.saveAnswer('staffing.compliance_fte', 0.2, 'staffing.remediation_fte');
    const reopened = await Workspace.open(dir);
    expect(reopened.answers).toEqual({ 'staffing.compliance_fte': 0.2 });
    expect(reopened.data.answers.resumeAt).toBe('staffing.remediation_fte');
  });

  it('records a run with its snapshots, their SHA-256 and the findings, and reads them back', async () => {
    const ws = await Workspace.open(dir);
    const run = await ws.recordRun({
      snapshots: [awsSnapshot()],
      findings: [finding],
      source: 'fixture',
      startedAt: new Date('2026-11-01T10:00:00Z'),
      readiness: { design: 40, operating: 10 },
    });
    expect(run.counts).toEqual({ PASS: 0, FAIL: 1, UNKNOWN: 0 });
    expect(run.snapshots[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const reopened = await Workspace.open(dir);
    expect(reopened.latestRun()?.id).toBe(run.id);
    expect(await reopened.loadFindings(run)).toEqual([finding]);
    expect((await reopened.loadSnapshots(run))[0]).toEqual(awsSnapshot());
  });

  it('refuses a snapshot whose content no longer matches its recorded hash', async () => {
    const ws = await Workspace.open(dir);
    const run = await ws.recordRun({
      snapshots: [awsSnapshot()],
      findings: [],
      source: 'fixture',
      startedAt: new Date(),
      readiness: { design: 0, operating: 0 },
    });
    await writeFile(join(dir, run.snapshots[0]!.file), '{"tampered": true}');
    await expect(ws.loadSnapshots(run)).rejects.toThrow(/SHA-256/);
  });

  it.each([
    ['broken JSON', '{"schemaVersion": 1,\n  "runs": [,\n}', /not valid JSON/],
    ['an empty file', '', /not valid JSON/],
    ['null', 'null', /does not hold an object/],
    ['a newer schema', '{"schemaVersion": 99}', /newer soc2-ready/],
    [
      'a malformed run',
      '{"schemaVersion":1,"createdAt":"x","scope":{"providers":[],"categories":[]},"answers":{"values":{}},"runs":[{}]}',
      /runs\[0\]/,
    ],
  ])('reports %s with the file name and leaves the file as it was', async (_name, content, message) => {
    const file = join(dir, 'db.json');
    await writeFile(file, content);
    const error = await Workspace.open(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toContain(file);
    expect((error as InputError).message).toMatch(message);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('names the line of a JSON syntax error', async () => {
    await writeFile(join(dir, 'db.json'), '{\n  "schemaVersion": 1,\n  oops\n}');
    const error = (await Workspace.open(dir).catch((e: unknown) => e)) as InputError;
    expect(error.line).toBe(3);
  });
});

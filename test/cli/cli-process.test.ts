// The built CLI as scripts and CI call it: real processes, exit codes, stdout and stderr.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
});
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}) {
  dir ??= mkdtempSync(join(tmpdir(), 'soc2-cli-'));
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, HOME: dir, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function freshDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'soc2-cli-'));
  return dir;
}

describe('soc2-ready (headless)', () => {
  it('writes the demo plan in Markdown with criteria, effort, owner, phase, totals, the 90-day fit and the score', () => {
    freshDir();
    const { code, stdout } = run(['plan', '--demo', '--format', 'md']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\| Design: in place today \| \d+% \|/);
    expect(stdout).toMatch(/\*\*\d+ gaps, [\d.]+ h of remediation\.\*\*/);
    expect(stdout).toMatch(/Fits in 90 days: /);
    expect(stdout).toMatch(/\| 1 \| .+ \| (critical|high) \| CC\d\.\d/);
    expect(stdout).toContain('owner: ');
    expect(stdout).toMatch(/phase (0-30|31-60|61-90|after-90)/);
  });

  it('keeps the demo between 200 and 500 person-hours, as a typical failing fintech', () => {
    freshDir();
    const plan = JSON.parse(run(['plan', '--demo', '--format', 'json']).stdout) as {
      totals: { effortHours: number; gaps: number };
      readiness: { design: { overall: number }; operating: { overall: number } };
      fitsIn90Days: boolean;
      gaps: {
        id: string;
        criteria: string[];
        phase: string;
        owner: string;
        effortHours: number;
        source: string;
      }[];
    };
    expect(plan.totals.effortHours).toBeGreaterThanOrEqual(200);
    expect(plan.totals.effortHours).toBeLessThanOrEqual(500);
    expect(plan.readiness.operating.overall).toBeLessThan(plan.readiness.design.overall);
    expect(new Set(plan.gaps.map((g) => g.source))).toEqual(new Set(['check', 'questionnaire']));
    for (const gap of plan.gaps) {
      expect(gap.criteria.length).toBeGreaterThan(0);
      expect(gap.effortHours).toBeGreaterThan(0);
    }
  });

  it('records a demo scan and prints its findings as JSON', () => {
    freshDir();
    const { code, stdout } = run(['scan', '--demo', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { runId: string; findings: Record<string, unknown>[] };
    expect(result.runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{4}$/);
    const statuses = new Set(result.findings.map((f) => f.status));
    expect(statuses).toEqual(new Set(['PASS', 'FAIL', 'UNKNOWN']));
    for (const finding of result.findings.filter((f) => f.source === 'check')) {
      expect(finding).toHaveProperty('checkId');
      expect(finding).toHaveProperty('resourceId');
      expect(finding).toHaveProperty('criteria');
      expect(finding).toHaveProperty('severity');
      expect(finding).toHaveProperty('title');
      expect(finding).toHaveProperty('reason');
    }
    expect(existsSync(join(dir, '.soc2-ready', 'db.json'))).toBe(true);
  });

  it('plans from the latest run in the workspace, and diffs two runs', () => {
    freshDir();
    expect(run(['scan', '--demo']).code).toBe(0);
    const plan = run(['plan', '--format', 'csv']);
    expect(plan.code).toBe(0);
    expect(plan.stdout.split('\r\n')[0]).toContain('Priority,Id,Title,Severity,Criteria');
    // The second demo scan sees the estate after some remediation, with one regression.
    expect(run(['scan', '--demo']).stdout).toContain('some gaps fixed');
    const diff = run(['diff', '--json']);
    expect(diff.code).toBe(0);
    const result = JSON.parse(diff.stdout) as {
      fixed: { checkId: string }[];
      new: { checkId: string; regressed: boolean }[];
      scoreChange: { design: number };
    };
    expect(result.fixed.map((f) => f.checkId)).toContain('aws-iam-root-mfa');
    expect(result.new).toMatchObject([{ checkId: 'aws-s3-public-access-block', regressed: true }]);
    expect(result.scoreChange.design).toBeGreaterThan(0);
    const human = run(['diff']).stdout;
    expect(human).toMatch(/Fixed: \d+/);
    expect(human).toMatch(/Over 2 runs: design \S+ \d+% → \d+%, operating \S+ \d+% → \d+%/);
    expect((JSON.parse(run(['diff', '--json']).stdout) as { trend: unknown[] }).trend).toHaveLength(2);
    expect(human).toContain('1 regressed');
  });

  it('exits 1 when gaps reach --fail-on', () => {
    freshDir();
    expect(run(['plan', '--demo', '--fail-on', 'critical']).code).toBe(1);
  });

  it('round-trips answers through export and import', () => {
    freshDir();
    const exported = run(['answers', 'export', '--demo']);
    expect(exported.code).toBe(0);
    writeFileSync(join(dir, 'answers.yaml'), exported.stdout);
    const imported = run(['answers', 'import', 'answers.yaml']);
    expect(imported.code).toBe(0);
    expect(run(['answers', 'export']).stdout).toBe(exported.stdout);
  });

  it('rejects an answers file with unknown questions or wrong types: exit 2, the file and the line', () => {
    freshDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      'audit.firm_engaged: yes\nno.such_question: 3\nstaffing.compliance_fte: lots\n',
    );
    const { code, stderr } = run(['answers', 'import', 'bad.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('bad.yaml:2');
    expect(stderr).toContain('no.such_question');
    expect(stderr).toContain('staffing.compliance_fte');
  });

  it('reports a damaged database with exit 2 and leaves the file exactly as it was', () => {
    freshDir();
    expect(run(['scan', '--demo']).code).toBe(0);
    const db = join(dir, '.soc2-ready', 'db.json');
    const damaged = readFileSync(db, 'utf8').slice(0, 200);
    writeFileSync(db, damaged);
    const { code, stderr } = run(['plan']);
    expect(code).toBe(2);
    expect(stderr).toContain(db);
    expect(stderr).toContain('left as it is');
    expect(readFileSync(db, 'utf8')).toBe(damaged);
  });

  it('names the file and line of a malformed questionnaire with exit 2', () => {
    freshDir();
    const own = join(dir, 'questionnaires');
    cpSync(resolve('questionnaires'), own, { recursive: true });
    const file = join(own, 'staffing.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/type: number/, 'type: numbr'));
    const { code, stderr } = run(['plan', '--demo'], { SOC2_READY_QUESTIONNAIRES: own });
    expect(code).toBe(2);
    expect(stderr).toMatch(/staffing\.yaml:\d+: .*numbr/);
  });

  it('exports an HTML page and an OSCAL POA&M whose items keep their uuids from one run to the next', () => {
    freshDir();
    const html = run(['plan', '--demo', '--format', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(html.stdout).toContain('<h1>SOC 2 Type II readiness plan</h1>');

    type Poam = {
      'plan-of-action-and-milestones': {
        uuid: string;
        'poam-items': { uuid: string; title: string; props?: { name: string; value: string }[] }[];
      };
    };
    const items = () => {
      const out = run(['plan', '--format', 'oscal', '--out', 'poam.json']);
      expect(out.code).toBe(0);
      const doc = (JSON.parse(readFileSync(join(dir, 'poam.json'), 'utf8')) as Poam)[
        'plan-of-action-and-milestones'
      ];
      const controlOf = (item: Poam['plan-of-action-and-milestones']['poam-items'][number]) =>
        item.props?.find((p) => p.name === 'control-id')?.value;
      return {
        doc,
        byControl: new Map(doc['poam-items'].map((item) => [`${item.title}|${controlOf(item)}`, item.uuid])),
      };
    };
    expect(run(['scan', '--demo']).code).toBe(0);
    const first = items();
    expect(first.byControl.size).toBeGreaterThan(50);
    // After remediation (the second demo scan), what is still open keeps its uuid; what was fixed is gone.
    expect(run(['scan', '--demo']).code).toBe(0);
    const second = items();
    expect(second.doc.uuid).toBe(first.doc.uuid);
    const kept = [...second.byControl].filter(([key]) => first.byControl.has(key));
    expect(kept.length).toBeGreaterThan(40);
    for (const [key, uuid] of kept) expect(uuid).toBe(first.byControl.get(key));
    expect(second.byControl.size).toBeLessThan(first.byControl.size);

    // Another workspace (another organisation) gets other uuids for the same controls.
    rmSync(dir, { recursive: true, force: true });
    freshDir();
    expect(run(['scan', '--demo']).code).toBe(0);
    const other = items();
    expect(other.doc.uuid).not.toBe(first.doc.uuid);
    for (const [key, uuid] of other.byControl) expect(uuid).not.toBe(first.byControl.get(key));
  });

  it('says what to do when there is no run yet, when live collection is asked for, and on bad usage', () => {
    freshDir();
    expect(run(['plan'])).toMatchObject({ code: 2, stderr: expect.stringContaining('soc2-ready scan') });
    expect(run(['scan'])).toMatchObject({ code: 3, stderr: expect.stringContaining('--demo') });
    expect(run(['plan', '--format', 'pdf'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage:'),
    });
  });

  it('tells a user without a terminal to use the headless commands instead of crashing', () => {
    freshDir();
    const { code, stderr } = run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('needs an interactive terminal');
    expect(stderr).toContain('soc2-ready plan');
  });
});

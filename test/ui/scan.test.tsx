import { describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../source/app/scan.js';
import type { Session } from '../../source/ui/session.js';
import { CollectError } from '../../source/util/errors.js';
import { KEY, renderForTest, sessionForTest, startGuided, stripAnsi, type TestApp } from './harness.js';

/** A session whose scan is the real one, keeping a copy of every progress line it reports. */
async function recordingSession(onLine?: (line: ScanProgress, all: ScanProgress[]) => void) {
  const lines: ScanProgress[] = [];
  const session = await sessionForTest({
    scan: (real) => (options) =>
      real({
        ...options,
        onProgress: (line) => {
          lines.push(line);
          options.onProgress?.(line);
          onLine?.(line, lines);
        },
      }),
  });
  return { session, lines };
}

const providerName = (line: ScanProgress) => (line.provider === 'aws' ? 'AWS' : 'Azure');
const countsText = (line: ScanProgress) =>
  `· ${line.service.padEnd(13)} ${(line.region ?? 'global').padEnd(12)} ${line.counts.FAIL} fail ${line.counts.UNKNOWN} unknown ${line.counts.PASS} pass`;

/** Each progress line, in order, with the text under it (its errors) up to the next progress line. */
function shownLines(frame: string): { text: string; below: string }[] {
  const shown: { text: string; below: string }[] = [];
  for (const row of frame.split('\n')) {
    if (/^ [✓!] (AWS|Azure) /.test(row)) shown.push({ text: row, below: '' });
    else if (shown.length > 0 && /^ {5}\S/.test(row)) shown.at(-1)!.below += ` ${row.trim()}`;
  }
  return shown;
}

function totals(lines: readonly ScanProgress[]) {
  const sum = (status: 'FAIL' | 'UNKNOWN' | 'PASS') => lines.reduce((n, l) => n + l.counts[status], 0);
  return `FAIL ${sum('FAIL')} · UNKNOWN ${sum('UNKNOWN')} · PASS ${sum('PASS')}`;
}

describe('Scan', () => {
  it('shows a line per account, service and region with its counts, errors in place, and the totals', async () => {
    const { session, lines } = await recordingSession();
    const app = renderForTest(session, 'scan', { columns: 80 });
    await app.waitFor('Recorded run');
    const run = session.workspace.latestRun()!;
    expect(run.partial).toBeUndefined();
    expect(run.snapshots).toHaveLength(4);

    const shown = shownLines(app.frame());
    expect(shown).toHaveLength(lines.length);
    lines.forEach((line, i) => {
      const { text, below } = shown[i]!;
      expect(text).toContain(
        `${line.errors.length > 0 ? '!' : '✓'} ${providerName(line)} ${line.scope.slice(0, 4)}`,
      );
      expect(text.endsWith(countsText(line))).toBe(true);
      for (const error of line.errors) {
        expect(below).toContain(
          `${error.operation}${error.region ? ` in ${error.region}` : ''}: ${error.kind}`,
        );
        if (error.permission) expect(below).toContain(`(missing ${error.permission})`);
      }
      if (line.errors.length === 0) expect(below).toBe('');
    });
    // Regional services get a line per region, global ones a single line.
    const prodS3 = lines.filter((l) => l.scope === lines[0]!.scope && l.service === 's3');
    expect(prodS3.length).toBeGreaterThan(1);
    expect(new Set(prodS3.map((l) => l.region)).size).toBe(prodS3.length);
    const prodIam = lines.filter((l) => l.scope === lines[0]!.scope && l.service === 'iam');
    expect(prodIam.map((l) => l.region)).toEqual([undefined]);
    // The demo estate has a denied call with a known missing permission.
    const s3 = lines.findIndex((l) => l.service === 's3' && l.errors.length > 0);
    expect(shown[s3]!.below).toContain(
      'GetBucketEncryption in eu-west-1: AccessDenied (missing s3:GetEncryptionConfiguration)',
    );

    expect(app.frame()).toContain(totals(lines));
    expect(app.frame().replace(/\s+/g, ' ')).toContain(
      `Recorded run ${run.id}. Readiness: design ${run.readiness.design}%, operating evidence ${run.readiness.operating}%.`,
    );
    expect(app.frame()).toMatch(/Enter continue · Esc home · q quit/);
    // While it ran, the footer offered the cancel.
    expect(app.frames.some((f) => stripAnsi(f).includes('Esc cancel, keep what finished'))).toBe(true);

    // Outside the guided flow, Enter goes home, which now shows the run.
    await app.press(KEY.enter);
    await app.waitFor('Start a new assessment');
    expect(app.frame()).toContain('Last run: 2026-11-20 10:00 (demo estate)');
  });

  it('goes on to the questionnaire with Enter in the guided flow', async () => {
    const { session } = await recordingSession();
    const app = renderForTest(session);
    await startGuided(app, 'scan');
    await app.waitFor('Recorded run');
    await app.press(KEY.enter);
    await app.waitFor('Have you engaged a CPA firm');
    expect(app.frame()).toContain('Questionnaire (new assessment)');
  });

  it('cancels with Esc, keeping and recording what finished as a partial run', async () => {
    let current: TestApp | undefined;
    let pressed = false;
    const { session, lines } = await recordingSession((line, all) => {
      // The user presses Esc as soon as the second account starts to show.
      if (!pressed && line.scope !== all[0]!.scope) {
        pressed = true;
        current!.stdin.write(KEY.escape);
      }
    });
    const app = (current = renderForTest(session, 'scan'));
    await app.waitFor('Recorded run');
    expect(pressed).toBe(true);
    expect(app.frames.some((f) => stripAnsi(f).includes('Cancelling: keeping what finished'))).toBe(true);
    expect(app.frame()).toContain('(partial: cancelled before every account finished)');

    const run = session.workspace.latestRun()!;
    expect(run.partial).toBe(true);
    const scopes = [...new Set(lines.map((l) => l.scope))];
    expect(scopes.length).toBeLessThan(4);
    expect(run.snapshots.map((s) => s.label)).toEqual(scopes.map((scope) => expect.stringContaining(scope)));
    // What finished is shown and counted; nothing from the accounts never scanned.
    expect(shownLines(app.frame())).toHaveLength(lines.length);
    expect(app.frame()).not.toContain('Azure');
    expect(app.frame()).toContain(totals(lines));

    // Esc after the run goes home, which says the last run was partial.
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
    expect(app.frame()).toContain('(partial)');
  });

  it('says why a scan could not run, and Enter goes home', async () => {
    const session = await sessionForTest({
      scan: () => () => Promise.reject(new CollectError('no credentials could be used')),
    });
    const app = renderForTest(session, 'scan');
    await app.waitFor('The scan could not run: no credentials could be used');
    expect(app.frame()).toMatch(/Enter home · Esc home · q quit/);
    expect(session.workspace.latestRun()).toBeUndefined();
    await app.press(KEY.enter);
    await app.waitFor('Start a new assessment');
  });

  it('reads the AWS accounts chosen on Connect, says which one it is reading, and lists those it skipped', async () => {
    let asked: Parameters<Session['scan']>[0] | undefined;
    const session = await sessionForTest({
      scan: (real) => async (options) => {
        asked = options;
        options.onAccountStart?.('AWS profile prod-audit');
        options.onService?.('iam', 'reading');
        options.onService?.('s3', 'reading');
        options.onService?.('iam', 'done');
        await new Promise((resolve) => setTimeout(resolve, 80));
        const result = await real({ ...options, demo: true });
        return {
          ...result,
          skipped: ['AWS profile old-keys: The security token included in the request is invalid.'],
        };
      },
    });
    const target = { provider: 'aws' as const, from: 'profile' as const, profile: 'prod-audit', sso: true };
    await session.workspace.setScope({
      ...session.workspace.data.scope,
      aws: [target],
      regions: ['eu-west-1'],
      awsOrganizationRole: 'SecurityAuditRole',
    });
    const app = renderForTest({ ...session, demo: false }, 'scan');
    await app.waitFor('Recorded run');
    expect(asked).toMatchObject({
      demo: false,
      aws: [target],
      regions: ['eu-west-1'],
      assumeRole: 'SecurityAuditRole',
    });
    expect(app.frames.some((f) => stripAnsi(f).includes('Reading AWS profile prod-audit (read-only)…'))).toBe(
      true,
    );
    expect(app.frame().replace(/\s+/g, ' ')).toContain(
      'Skipped AWS profile old-keys: The security token included in the request is invalid.',
    );
  });
});

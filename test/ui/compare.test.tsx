import { describe, expect, it } from 'vitest';
import { sparkline } from '../../source/app/trend.js';
import type { Finding } from '../../source/model/finding.js';
import type { Session } from '../../source/ui/session.js';
import { KEY, NOW, recordDemoRun, renderForTest, sessionForTest } from './harness.js';

const WEEK_LATER = new Date(NOW.getTime() + 7 * 24 * 3600 * 1000);

/**
 * Two runs: the demo run, then a week later the same findings with one failure fixed, one passing
 * resource failing again (a regression) and one new failing resource.
 */
async function twoRuns(session: Session) {
  const first = await recordDemoRun(session);
  const before = await session.workspace.loadFindings(first);
  const checks = before.filter((f) => f.source === 'check');
  const fixed = checks.find((f) => f.status === 'FAIL')!;
  const regressed = checks.find((f) => f.status === 'PASS' && f.checkId !== fixed.checkId)!;
  const added: Finding = {
    ...fixed,
    resourceId: 'arn:aws:s3:::ledgerline-new-exports',
    resourceName: 'ledgerline-new-exports',
  };
  const after = [
    ...before.map((f) => {
      if (f === fixed) return { ...f, status: 'PASS' as const };
      if (f === regressed) return { ...f, status: 'FAIL' as const };
      return f;
    }),
    added,
  ];
  const second = await session.workspace.recordRun({
    snapshots: [],
    findings: after,
    source: 'demo',
    startedAt: WEEK_LATER,
    readiness: { design: first.readiness.design + 4, operating: first.readiness.operating - 3 },
  });
  // Failing in both runs: every earlier failure but the fixed one.
  const stillOpen = before.filter((f) => f.status === 'FAIL' && f !== fixed);
  return { first, second, fixed, regressed, added, stillOpen };
}

const name = (f: Finding) => (f.resourceName ?? f.resourceId).slice(0, 20);

describe('Compare runs', () => {
  it('shows what was fixed, what is new (regressions marked) and what is still open, with the score change', async () => {
    const session = await sessionForTest();
    const { first, second, fixed, regressed, added, stillOpen } = await twoRuns(session);
    const app = renderForTest(session, 'compare');
    await app.waitFor('2026-11-20 → 2026-11-27');
    expect(app.frame()).toContain(
      `design ${second.readiness.design}% (+4) · operating ${second.readiness.operating}% (-3)`,
    );
    expect(second.readiness.design).toBe(first.readiness.design + 4);
    // The score over every run, oldest first.
    expect(app.frame()).toContain(
      `Over 2 runs: design ${sparkline([first.readiness.design, second.readiness.design])} ${first.readiness.design}% → ${second.readiness.design}%`,
    );
    expect(app.frame()).toMatch(
      new RegExp(`Fixed 1\\s+New 2\\s+Still open ${stillOpen.length}\\s+↺ 1 regressed`),
    );
    expect(app.frame()).toMatch(/Tab ←→ fixed \/ new \/ still open · ↑↓ move · Esc home · q quit/);

    // Fixed: the resource that passes now.
    expect(app.frame()).toMatch(/Control\s+Resource\s+Now/);
    expect(app.selected()).toContain(fixed.title.slice(0, 30));
    expect(app.selected()).toContain(name(fixed));
    expect(app.selected()).toMatch(/PASS\s*$/);

    // New: the regression (marked) and the new resource.
    await app.press(KEY.tab);
    await app.waitFor(regressed.title.slice(0, 20));
    expect(app.line(name(regressed))).toContain(`↺ ${regressed.title.slice(0, 20)}`);
    expect(app.line(name(added))).toContain(added.title.slice(0, 20));
    expect(app.line(name(added))).not.toContain('↺');
    expect(app.line(name(added))).toMatch(/FAIL\s*$/);
    expect(app.frame()).not.toContain(`${name(fixed)} `);

    // Still open: the failures in both runs.
    await app.press(KEY.tab);
    await app.waitForGone(name(added));
    const open = app
      .frame()
      .split('\n')
      .filter((l) => /FAIL\s*$/.test(l));
    // 24 rows less the screen's 13 lines of header, summary, trend and footer.
    expect(open).toHaveLength(Math.min(stillOpen.length, 11));
    expect(app.frame()).toContain(`1-11 of ${stillOpen.length}`);
    expect(app.frame()).toContain(name(stillOpen[0]!));
    await app.press(KEY.down, KEY.down);
    expect(app.selected()).toContain(name(stillOpen[2]!));

    // Tab wraps round; the arrows go either way.
    await app.press(KEY.tab);
    await app.waitFor(/›.*PASS\s*$/m);
    expect(app.selected()).toContain(name(fixed));
    await app.press(KEY.left);
    await app.waitFor(`1-11 of ${stillOpen.length}`);
    await app.press(KEY.right, KEY.right);
    await app.waitFor(name(added));

    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
    expect(app.frame()).toContain('Compare with the previous run');
  });

  it('says what to do with only one run', async () => {
    const session = await sessionForTest();
    await recordDemoRun(session);
    const app = renderForTest(session, 'compare');
    await app.waitFor('Compare needs two runs: re-run the checks after remediation first.');
    expect(app.frame()).toMatch(/Esc home · q quit/);
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
    expect(app.frame()).not.toContain('Compare with the previous run');
  });
});

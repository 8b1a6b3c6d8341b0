import { describe, expect, it } from 'vitest';
import { hours } from '../../source/export/labels.js';
import { criterion } from '../../source/model/criteria.js';
import type { Answers } from '../../source/questionnaire/types.js';
import { KEY, renderForTest, screenAfterDemoRun, sessionForTest } from './harness.js';

const planScreen = (answers: Answers = {}) =>
  screenAfterDemoRun(
    'plan',
    ({ plan }) => `${plan.totals.gaps} gaps`,
    (session) => session.workspace.replaceAnswers(answers),
  );

describe('Plan', () => {
  it('shows the readiness, the totals and that the work fits in 90 days', async () => {
    const { app, plan } = await planScreen({ 'staffing.remediation_fte': 3 });
    expect(plan.fitsIn90Days).toBe(true);
    const { design, operating } = plan.readiness;
    expect(app.frame()).toContain(
      `Readiness: design ${design.overall}% · operating evidence ${operating.overall}%`,
    );
    expect(app.frame()).toContain(
      `${plan.totals.gaps} gaps · ${hours(plan.totals.effortHours)} · capacity ${hours(plan.capacity.hoursPerWeek)}/week · fits in 90 days`,
    );
    expect(app.frame()).toMatch(/#\s+Gap\s+Sev\s+Owner\s+Effort\s+Phase/);
    for (const [i, gap] of plan.gaps.slice(0, 12).entries()) {
      const row = app.line(new RegExp(`^[ ›]\\s*${i + 1} `))!;
      expect(row).toContain(gap.title.slice(0, 25));
      expect(row).toContain(gap.severity);
      expect(row).toContain(hours(gap.effortHours));
      expect(row).toContain(gap.phase);
    }
    expect(app.frame()).toContain(`1-12 of ${plan.gaps.length}`);
    expect(app.frame()).toMatch(/↑↓ move · Enter details · e export · r results · Esc home · q quit/);
  });

  it('says how much does not fit in 90 days when capacity is short', async () => {
    const { app, plan } = await planScreen({ 'staffing.remediation_fte': 0.1 });
    expect(plan.fitsIn90Days).toBe(false);
    const late = plan.totals.byPhase['after-90'];
    expect(late.gaps).toBeGreaterThan(0);
    expect(app.frame()).toContain(`${late.gaps} gaps (${hours(late.effortHours)}) do not fit in 90 days`);
    expect(app.frame()).not.toContain('fits in 90 days');
  });

  it('shows the earliest credible report date against the target', async () => {
    const { app, plan } = await planScreen({
      'staffing.remediation_fte': 3,
      'audit.window_start': '2026-12-01',
      'audit.window_end': '2027-05-31',
      'audit.target_report_date': '2027-06-30',
    });
    const { earliestCredible, slipDays } = plan.reportDate;
    expect(earliestCredible).toBeDefined();
    const slip = slipDays && slipDays > 0 ? ` (slips ${slipDays} days)` : '';
    expect(app.frame()).toContain(`Report: earliest credible ${earliestCredible}, target 2027-06-30${slip}`);
  });

  it('moves with the arrows and opens a gap with Enter; Esc goes back to the list', async () => {
    const { app, plan } = await planScreen();
    expect(app.selected()).toMatch(/^›\s+1 /);
    await app.press(KEY.down, KEY.down, KEY.up);
    expect(app.selected()).toMatch(/^›\s+2 /);
    expect(app.selected()).toContain(plan.gaps[1]!.title.slice(0, 25));

    await app.press(KEY.enter);
    const gap = plan.gaps[1]!;
    await app.waitFor(`2. ${gap.title}`);
    expect(app.frame()).toContain(
      `${gap.severity} · ${gap.owner} · ${hours(gap.effortHours)} · phase ${gap.phase}`,
    );
    expect(app.frame()).toContain(`${gap.criteria[0]} ${criterion(gap.criteria[0]!).title.slice(0, 30)}`);
    expect(app.text()).toContain(`Risk: ${gap.risk}`);
    expect(app.frame()).toContain(`Affected (${gap.resources.length}):`);
    const resource = gap.resources[0]!;
    expect(app.frame()).toContain(`${resource.name ?? resource.id}`);
    expect(app.text()).toContain(`Fix: ${gap.remediation.summary}`);
    expect(app.text()).toContain(`Evidence: ${gap.evidence}`);
    expect(app.frame()).toMatch(/Esc back to the plan · q quit/);
    expect(app.frame()).not.toContain('Readiness: design');

    await app.press(KEY.escape);
    await app.waitFor('Readiness: design');
    expect(app.selected()).toMatch(/^›\s+2 /);
  });

  it('lists at most five resources of a gap and says how many more', async () => {
    const { app, plan } = await planScreen();
    const at = plan.gaps.findIndex((g) => g.resources.length > 5);
    expect(at).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < at; i++) await app.press(KEY.down);
    await app.press(KEY.enter);
    const gap = plan.gaps[at]!;
    await app.waitFor(`${at + 1}. ${gap.title}`);
    expect(app.frame()).toContain(`and ${gap.resources.length - 5} more (see the export)`);
    expect(app.frame()).not.toContain(`${gap.resources[5]!.name ?? gap.resources[5]!.id}:`);
  });

  it("goes to export with 'e'", async () => {
    const { app, plan } = await planScreen();
    await app.press('e');
    await app.waitFor(`Export the plan (${plan.totals.gaps} gaps)`);
  });

  it("goes to results with 'r'", async () => {
    const { app } = await planScreen();
    await app.press('r');
    await app.waitFor('By criterion');
  });

  it('goes home with Esc', async () => {
    const { app } = await planScreen();
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
  });

  it('says there is no plan before the first run', async () => {
    const app = renderForTest(await sessionForTest(), 'plan');
    await app.waitFor('No run yet: start a new assessment from home to see the plan.');
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../source/model/finding.js';
import {
  controlRows,
  countStatuses,
  criterionRows,
  filterFindings,
  type CriterionRow,
  type SeverityFilter,
  type SourceFilter,
} from '../../source/ui/results-model.js';
import { KEY, renderForTest, screenAfterDemoRun, sessionForTest, type TestApp } from './harness.js';

async function resultsScreen() {
  const screen = await screenAfterDemoRun('results', () => 'By criterion');
  return { ...screen, categories: screen.plan.categories };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The FAIL, UNKNOWN and PASS numbers at the end of the table row that starts with `first`. */
function rowCounts(a: TestApp, first: string): number[] | undefined {
  const row = a.line(new RegExp(`^[ ›]${escape(first)}\\s`));
  return row?.trim().split(/\s+/).slice(-3).map(Number);
}

function summary(findings: readonly Finding[], severity: SeverityFilter, source: SourceFilter) {
  const c = countStatuses(filterFindings(findings, severity, source));
  return `${c.FAIL} failing · ${c.UNKNOWN} not assessed · ${c.PASS} passing · severity: ${severity} · source: ${source}`;
}

function expectCriteriaTable(a: TestApp, rows: readonly CriterionRow[], visible = 14) {
  for (const row of rows.slice(0, visible))
    expect(rowCounts(a, row.id), row.id).toEqual([row.counts.FAIL, row.counts.UNKNOWN, row.counts.PASS]);
  if (rows.length > visible) expect(a.frame()).toContain(`1-${visible} of ${rows.length}`);
}

describe('Results', () => {
  it('shows the criteria with their FAIL, UNKNOWN and PASS counts', async () => {
    const { app, findings, categories } = await resultsScreen();
    expect(app.text()).toContain(`${summary(findings, 'all', 'all')} · demo estate`);
    expect(app.frame()).toContain('By criterion (Security (Common Criteria))');
    expect(app.frame()).toMatch(/Criterion\s+What it asks\s+FAIL\s+UNKN\s+PASS/);
    const rows = criterionRows(findings, categories);
    expect(rows.length).toBeGreaterThan(0);
    expectCriteriaTable(app, rows);
    expect(app.selected()).toMatch(new RegExp(`^›${escape(rows[0]!.id)} `));
    expect(app.frame()).toMatch(/↑↓ move · Enter open · Esc home · s severity · p provider · q quit/);
  });

  it('drills from a criterion to its controls and to their resources with reasons, and Esc goes up', async () => {
    const { app, findings, categories } = await resultsScreen();
    const rows = criterionRows(findings, categories);
    const at = rows.findIndex((r) => r.counts.FAIL > 0 && r.counts.PASS > 0);
    for (let i = 0; i < at; i++) await app.press(KEY.down);
    expect(app.selected()).toContain(rows[at]!.id);

    await app.press(KEY.enter);
    const criterion = rows[at]!;
    await app.waitFor(`${criterion.id} ${criterion.title}`);
    expect(app.frame()).toMatch(/Control\s+Severity\s+FAIL\s+UNKN\s+PASS/);
    expect(app.frame()).toMatch(/Esc up/);
    const controls = controlRows(findings, criterion.id);
    // Failing controls first, each with its severity and counts.
    expect(app.selected()).toContain(controls[0]!.title.slice(0, 30));
    for (const control of controls.slice(0, 10)) {
      const row = app.line(control.title.slice(0, 30))!;
      expect(row).toContain(control.severity);
      expect(row.trim().split(/\s+/).slice(-3).map(Number)).toEqual([
        control.counts.FAIL,
        control.counts.UNKNOWN,
        control.counts.PASS,
      ]);
    }

    await app.press(KEY.enter);
    const control = controls[0]!;
    await app.waitFor(`${control.title} (${control.id})`);
    expect(app.frame()).toMatch(/Status\s+Resource\s+Where\s+Reason/);
    const first = control.findings[0]!;
    expect(app.selected()).toContain(first.status);
    expect(app.selected()).toContain((first.resourceName ?? first.resourceId).slice(0, 20));
    // The highlighted resource's whole reason, in the box under the table.
    expect(app.text()).toContain(first.reason);
    if (control.findings.length > 1) {
      const second = control.findings[1]!;
      await app.press(KEY.down);
      expect(app.selected()).toContain((second.resourceName ?? second.resourceId).slice(0, 20));
      if (second.reason !== first.reason) {
        expect(app.text()).toContain(second.reason);
        expect(app.text()).not.toContain(first.reason);
      }
    }

    await app.press(KEY.escape);
    await app.waitFor(`${criterion.id} ${criterion.title}`);
    expect(app.frame()).toMatch(/Control\s+Severity/);
    await app.press(KEY.escape);
    await app.waitFor('By criterion');
    expect(app.selected()).toContain(criterion.id);
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
  });

  it("cycles the severity filter with 's' and the provider filter with 'p'", async () => {
    const { app, findings, categories } = await resultsScreen();
    for (const severity of ['critical', 'high', 'medium', 'low', 'all'] as const) {
      await app.press('s');
      await app.waitFor(summary(findings, severity, 'all'));
      expectCriteriaTable(app, criterionRows(filterFindings(findings, severity, 'all'), categories));
    }
    for (const source of ['aws', 'azure', 'questionnaire', 'all'] as const) {
      await app.press('p');
      await app.waitFor(summary(findings, 'all', source));
      expectCriteriaTable(app, criterionRows(filterFindings(findings, 'all', source), categories));
    }
    // Filters combine; drilling down shows only what passes them.
    await app.press('s', 'p'); // critical, aws
    await app.waitFor(summary(findings, 'critical', 'aws'));
    const filtered = filterFindings(findings, 'critical', 'aws');
    const rows = criterionRows(filtered, categories);
    expectCriteriaTable(app, rows);
    await app.press(KEY.enter);
    await app.waitFor(`${rows[0]!.id} ${rows[0]!.title}`);
    const controls = controlRows(filtered, rows[0]!.id);
    for (const control of controls) expect(app.line(control.title.slice(0, 30))).toContain('critical');
    expect(app.frame()).not.toMatch(/\s(high|medium|low)\s/);
    await app.press(KEY.enter);
    await app.waitFor(`(${controls[0]!.id})`);
    const resourceRows = app
      .frame()
      .split('\n')
      .filter((l) => /^[ ›](FAIL|UNKNOWN|PASS)\s/.test(l));
    expect(resourceRows).toHaveLength(Math.min(controls[0]!.findings.length, 10));
    expect(controls[0]!.findings.every((f) => f.provider === 'aws' && f.severity === 'critical')).toBe(true);
    // A filter change goes back to the criteria.
    await app.press('s');
    await app.waitFor('By criterion');
    expect(app.text()).toContain(summary(findings, 'high', 'aws'));
  });

  it('shows the categories in scope', async () => {
    const { findings, plan } = await screenAfterDemoRun(
      'results',
      () => 'By criterion (Security (Common Criteria), Availability)',
      (session) =>
        session.workspace.setScope({ ...session.workspace.data.scope, categories: ['availability'] }),
    );
    const rows = criterionRows(findings, plan.categories);
    const availability = rows.filter((r) => r.category === 'availability');
    expect(availability.length).toBeGreaterThan(0);
  });

  it('says there is nothing to show before the first run', async () => {
    const app = renderForTest(await sessionForTest(), 'results');
    await app.waitFor('No run yet: start a new assessment from home to see the results.');
    expect(app.frame()).toMatch(/Esc home · q quit/);
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
  });
});

import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../source/plan/types.js';
import { KEY, renderForTest, screenAfterDemoRun, sessionForTest } from './harness.js';

async function exportScreen() {
  const screen = await screenAfterDemoRun(
    'export',
    ({ plan }) => `Export the plan (${plan.totals.gaps} gaps)`,
  );
  return { ...screen, dir: screen.session.cwd };
}

describe('Export', () => {
  it('writes Markdown, CSV and JSON where asked, and names the file', async () => {
    const { app, plan, dir } = await exportScreen();
    expect(app.selected()).toContain('Markdown');
    expect(app.frame()).toMatch(/↑↓ move · Enter choose · Esc home · q quit/);

    // Markdown at the suggested path.
    await app.press(KEY.enter);
    await app.waitFor(`Where should it go? (relative to ${dir})`);
    expect(app.frame()).toContain('› soc2-plan.md');
    expect(app.frame()).toMatch(/Enter write · Esc formats · Ctrl-C quit/);
    await app.press(KEY.enter);
    await app.waitFor(`Written: ${join(dir, 'soc2-plan.md')}`);
    const markdown = await readFile(join(dir, 'soc2-plan.md'), 'utf8');
    expect(markdown).toContain('# SOC 2 Type II readiness plan');
    expect(markdown).toContain(plan.gaps[0]!.title);

    // CSV at a path of one's own, in a sub-folder that exists.
    expect(app.selected()).toContain('Export another format');
    await app.press(KEY.enter);
    await app.waitFor('Export the plan');
    await app.press(KEY.down, KEY.enter);
    await app.waitFor('› soc2-plan.csv');
    await mkdir(join(dir, 'reports'));
    await app.press(KEY.ctrlU);
    await app.type('reports/q4-plan.csv');
    await app.press(KEY.enter);
    await app.waitFor(`Written: ${join(dir, 'reports', 'q4-plan.csv')}`);
    const csv = (await readFile(join(dir, 'reports', 'q4-plan.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toMatch(/^Priority,Id,Title,Severity/);
    expect(csv.length).toBeGreaterThan(plan.gaps.length);

    // JSON.
    await app.press(KEY.enter);
    await app.waitFor('Export the plan');
    await app.press(KEY.down, KEY.down, KEY.enter);
    await app.waitFor('› soc2-plan.json');
    await app.press(KEY.enter);
    await app.waitFor(`Written: ${join(dir, 'soc2-plan.json')}`);
    const json = JSON.parse(await readFile(join(dir, 'soc2-plan.json'), 'utf8')) as Plan;
    expect(json.gaps).toHaveLength(plan.gaps.length);
    expect(json.totals.gaps).toBe(plan.totals.gaps);

    // Back home from the last step.
    await app.press(KEY.down, KEY.enter);
    await app.waitFor('Start a new assessment');
  });

  it('writes the HTML page and the OSCAL POA&M, the POA&M the same on a second export', async () => {
    const { app, plan, dir } = await exportScreen();
    expect(app.frame()).toContain('HTML: one page to open in a browser, share or print');
    expect(app.frame()).toContain('OSCAL POA&M (JSON): for GRC tools and auditors');
    await app.press(KEY.down, KEY.down, KEY.down, KEY.enter);
    await app.waitFor('› soc2-plan.html');
    await app.press(KEY.enter);
    await app.waitFor(`Written: ${join(dir, 'soc2-plan.html')}`);
    const html = await readFile(join(dir, 'soc2-plan.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(plan.gaps[0]!.title.replace(/&/g, '&amp;'));

    const exportPoam = async (file: string) => {
      await app.press(KEY.enter);
      await app.waitFor('Export the plan');
      await app.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.enter);
      await app.waitFor('› soc2-poam.json');
      await app.press(KEY.ctrlU);
      await app.type(file);
      await app.press(KEY.enter);
      await app.waitFor(`Written: ${join(dir, file)}`);
      return readFile(join(dir, file), 'utf8');
    };
    const first = await exportPoam('poam-1.json');
    const doc = JSON.parse(first) as { 'plan-of-action-and-milestones': { 'poam-items': unknown[] } };
    expect(doc['plan-of-action-and-milestones']['poam-items']).toHaveLength(
      plan.gaps.length + plan.unassessed.length,
    );
    // Same plan, same workspace: the same items with the same uuids (only the export time differs).
    const second = await exportPoam('poam-2.json');
    const withoutTime = (text: string) => text.replace(/"last-modified": "[^"]+"/, '');
    expect(withoutTime(second)).toBe(withoutTime(first));
  });

  it('shows why a path cannot be written and lets the user try another', async () => {
    const { app, dir } = await exportScreen();
    await app.press(KEY.down, KEY.enter); // CSV
    await app.waitFor('› soc2-plan.csv');
    await app.press(KEY.ctrlU);
    await app.type('no-such-folder/plan.csv');
    await app.press(KEY.enter);
    await app.waitFor(`Could not write ${join(dir, 'no-such-folder', 'plan.csv')}: ENOENT`);
    expect(app.selected()).toContain('Try another path');

    // Back in the path field, with what was typed, for the same format.
    await app.press(KEY.enter);
    await app.waitFor('› no-such-folder/plan.csv');
    expect(app.frame()).toContain('Where should it go?');
    await app.press(KEY.ctrlU);
    await app.type('plan.csv');
    await app.waitFor('› plan.csv');
    await app.press(KEY.enter);
    await app.waitFor(`Written: ${join(dir, 'plan.csv')}`);
    expect(await readFile(join(dir, 'plan.csv'), 'utf8')).toMatch(/^Priority,/);
  });

  it('does not write an empty path, and Esc steps back to the formats, then home', async () => {
    const { app } = await exportScreen();
    await app.press(KEY.enter);
    await app.waitFor('› soc2-plan.md');
    await app.press(KEY.ctrlU, KEY.enter);
    expect(app.frame()).toContain('Where should it go?');
    expect(app.frame()).not.toContain('Written');
    await app.press(KEY.escape);
    await app.waitFor('Export the plan');
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
  });

  it('says there is nothing to export before the first run', async () => {
    const app = renderForTest(await sessionForTest(), 'export');
    await app.waitFor('No run yet: start a new assessment from home to see the plan to export.');
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
  });
});

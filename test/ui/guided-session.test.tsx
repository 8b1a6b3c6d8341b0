import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, renderForTest, sessionForTest } from './harness.js';

describe('the whole guided demo session', () => {
  it('goes from scope through the scan, questions, results and plan to an exported Markdown plan', async () => {
    const session = await sessionForTest();
    const app = renderForTest(session);
    await app.waitFor('Start a new assessment');
    await app.press(KEY.enter);

    // Scope: add Availability, then continue.
    await app.waitFor('What is in scope');
    await app.press(KEY.down, KEY.down, ' ');
    expect(app.frame()).toContain('[x] Availability');
    await app.press('c');

    // Connect: nothing found, continue on the demo estate.
    await app.waitFor('Continue on the demo estate');
    expect(app.frame()).toContain('None found');
    await app.press(KEY.enter);

    // Scan: every line kept, then a recorded run.
    await app.waitFor('Recorded run');
    expect(app.frame()).toMatch(/AWS ledgerline-prod +· iam +global/);
    expect(app.frame()).toContain('GetBucketEncryption');
    await app.press(KEY.enter);

    // Questionnaire: answer the audit and staffing questions, skip the rest.
    await app.waitFor('Your audit');
    await app.press(KEY.enter); // audit firm engaged: Yes
    await app.waitFor('question 2 of');
    await app.type('Acme Assurance LLP');
    await app.press(KEY.enter);
    await app.type('2026-09-01');
    await app.press(KEY.enter);
    await app.type('2027-02-28');
    await app.press(KEY.enter);
    await app.type('2027-04-15');
    await app.press(KEY.enter);
    await app.press(KEY.enter); // system description: Yes
    await app.waitFor('People for compliance');
    await app.press(KEY.enter); // owner named: Yes
    await app.type('Dana Reyes');
    await app.press(KEY.enter);
    await app.type('0.5');
    await app.press(KEY.enter);
    await app.type('2');
    await app.press(KEY.enter);
    for (let i = 0; i < 80 && !app.frame().includes('Questionnaire done'); i++) await app.press(KEY.tab);
    await app.waitFor('Questionnaire done');
    expect(session.workspace.answers).toMatchObject({
      'audit.firm_engaged': 'yes',
      'audit.firm_name': 'Acme Assurance LLP',
      'audit.window_start': '2026-09-01',
      'staffing.remediation_fte': 2,
    });
    await app.press(KEY.enter);

    // Results, then the plan, then export.
    await app.waitFor('By criterion');
    await app.press('n');
    await app.waitFor(/\d+ gaps/);
    expect(app.frame()).toContain('Readiness: design');
    await app.press('e');
    await app.waitFor('Export the plan');
    await app.press(KEY.enter); // Markdown
    await app.waitFor('Where should it go?');
    await app.press(KEY.enter);
    await app.waitFor('Written:');
    const markdown = await readFile(join(session.cwd, 'soc2-plan.md'), 'utf8');
    expect(markdown).toContain('# SOC 2 Type II readiness plan');
    expect(markdown).toContain('Availability');
  });
});

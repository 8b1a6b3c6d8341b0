import { describe, expect, it } from 'vitest';
import { KEY, renderForTest, reopenSession, sessionForTest, startGuided, type TestApp } from './harness.js';

async function scopeScreen() {
  const session = await sessionForTest();
  const app = renderForTest(session);
  await startGuided(app, 'scope');
  return { session, app };
}

/** Moves the cursor to the row whose text includes `label` (from the top). */
async function moveTo(a: TestApp, label: string) {
  for (let i = 0; i < 12 && !a.selected()?.includes(label); i++) await a.press(KEY.down);
  expect(a.selected()).toContain(label);
}

describe('Scope', () => {
  it('toggles providers and categories with Space and Enter, moving with the arrows', async () => {
    const { app } = await scopeScreen();
    expect(app.selected()).toContain('[x] AWS accounts');
    expect(app.frame()).toContain('[x] Azure subscriptions');
    expect(app.frame()).toContain('[ ] Availability');

    await app.press(' ');
    expect(app.frame()).toContain('[ ] AWS accounts');
    await app.press(' ');
    expect(app.frame()).toContain('[x] AWS accounts');

    await app.press(KEY.down, KEY.down);
    expect(app.selected()).toContain('Availability');
    await app.press(' ');
    expect(app.frame()).toContain('[x] Availability');
    await app.press(KEY.down, KEY.enter);
    expect(app.frame()).toContain('[x] Confidentiality');
    await app.press(KEY.up, ' ');
    expect(app.frame()).toContain('[ ] Availability');
    expect(app.frame()).toContain('[x] Confidentiality');
  });

  it('keeps Security in scope whatever is toggled', async () => {
    const { app, session } = await scopeScreen();
    // Up from the first row stays on it: Security is not a row the cursor can reach.
    await app.press(KEY.up, KEY.up);
    expect(app.selected()).toContain('AWS accounts');
    await app.press(KEY.down, KEY.down);
    for (let i = 0; i < 4; i++) await app.press(' ', KEY.down);
    expect(app.frame()).toContain('[x] Security (Common Criteria) always in scope');
    expect(app.frame()).toContain('[x] Privacy');
    await app.press('c');
    await app.waitFor('Continue on the demo estate');
    expect(session.workspace.data.scope.categories).not.toContain('security');
    expect(session.workspace.data.scope.categories).toEqual(
      expect.arrayContaining(['availability', 'confidentiality', 'processing-integrity', 'privacy']),
    );
  });

  it('refuses to continue with no provider', async () => {
    const { app, session } = await scopeScreen();
    await app.press(' ', KEY.down, ' ');
    expect(app.frame()).toContain('[ ] AWS accounts');
    expect(app.frame()).toContain('[ ] Azure subscriptions');
    await app.press('c');
    await app.waitFor('Choose at least one provider.');
    expect(app.frame()).toContain('What is in scope');
    expect(session.workspace.data.scope.providers).toEqual(['aws', 'azure']);
    // The next key clears the message.
    await app.press(' ');
    expect(app.frame()).not.toContain('Choose at least one provider.');
  });

  it('edits the observation window dates, refusing bad dates and an end before the start', async () => {
    const { app, session } = await scopeScreen();
    await moveTo(app, 'Observation window starts');
    await app.press(KEY.enter);
    await app.waitFor('Observation window starts (YYYY-MM-DD, empty to clear):');
    expect(app.frame()).toMatch(/Enter save date · Esc cancel/);

    await app.type('2026-13-45');
    await app.press(KEY.enter);
    await app.waitFor('Use a date like 2026-09-01.');
    expect(session.workspace.answers['audit.window_start']).toBeUndefined();

    await app.press(KEY.ctrlU);
    await app.type('2026-09-01');
    await app.press(KEY.enter);
    await app.waitFor('Observation window starts: 2026-09-01');
    expect(app.frame()).not.toContain('YYYY-MM-DD, empty to clear');
    expect(app.frame()).not.toContain('Use a date like');
    expect(session.workspace.answers['audit.window_start']).toBe('2026-09-01');

    await app.press(KEY.down, ' ');
    await app.waitFor('Observation window ends (YYYY-MM-DD');
    await app.type('2026-08-01');
    await app.press(KEY.enter);
    await app.waitFor('The window has to end after it starts.');
    expect(session.workspace.answers['audit.window_end']).toBeUndefined();
    for (let i = 0; i < 10; i++) await app.press(KEY.backspace);
    await app.type('2027-02-28');
    await app.press(KEY.enter);
    await app.waitFor('Observation window ends: 2027-02-28');
    expect(app.frame()).not.toContain('The window has to end');
    expect(session.workspace.answers['audit.window_end']).toBe('2027-02-28');

    // Esc leaves a date field without saving what was typed.
    await app.press(KEY.enter);
    await app.waitFor('› 2027-02-28');
    await app.type('x');
    await app.press(KEY.escape);
    await app.waitForGone('YYYY-MM-DD, empty to clear');
    expect(app.frame()).toContain('What is in scope');
    expect(session.workspace.answers['audit.window_end']).toBe('2027-02-28');

    // Reopening the start date offers the saved value; emptying it clears the answer.
    await app.press(KEY.up, KEY.enter);
    await app.waitFor('› 2026-09-01');
    await app.press(KEY.ctrlU, KEY.enter);
    await app.waitFor('Observation window starts: not set');
    expect(session.workspace.answers['audit.window_start']).toBeUndefined();
  });

  it("saves the scope with 'c' and goes on to Connect in the guided flow", async () => {
    const { app, session } = await scopeScreen();
    await app.press(KEY.down, ' ', KEY.down, ' '); // Azure off, Availability on
    await app.press('c');
    await app.waitFor('Cloud credentials on this machine');
    expect(app.frame()).toContain('Connect (new assessment)');
    expect(session.workspace.data.scope).toMatchObject({ providers: ['aws'], categories: ['availability'] });
    // Saved to disk, not only in memory.
    const again = await reopenSession(session);
    expect(again.workspace.data.scope).toMatchObject({ providers: ['aws'], categories: ['availability'] });
  });

  it('continues from the Continue row with Enter', async () => {
    const { app } = await scopeScreen();
    await moveTo(app, 'Continue →');
    await app.press(KEY.enter);
    await app.waitFor('Cloud credentials on this machine');
  });

  it('goes home with Esc without saving the toggles', async () => {
    const { app, session } = await scopeScreen();
    await app.press(KEY.down, KEY.down, ' ');
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
    expect(app.frame()).not.toContain('new assessment)');
    expect(session.workspace.data.scope.categories).toEqual([]);
  });

  it('opens with the saved scope', async () => {
    const session = await sessionForTest();
    await session.workspace.setScope({
      ...session.workspace.data.scope,
      providers: ['azure'],
      categories: ['privacy'],
    });
    await session.workspace.saveAnswer('audit.window_start', '2026-10-01');
    const app = renderForTest(session, 'scope');
    await app.waitFor('What is in scope');
    expect(app.frame()).toContain('[ ] AWS accounts');
    expect(app.frame()).toContain('[x] Azure subscriptions');
    expect(app.frame()).toContain('[x] Privacy');
    expect(app.frame()).toContain('Observation window starts: 2026-10-01');
  });

  it('narrows the AWS regions to read, refusing a name that is not a region, and keeps them', async () => {
    const { app, session } = await scopeScreen();
    await moveTo(app, 'AWS regions: every enabled region');
    await app.press(KEY.enter);
    await app.waitFor('AWS regions to read, separated by commas');
    await app.type('eu-west-1, Ireland');
    await app.press(KEY.enter);
    await app.waitFor('Ireland is not a region name; use names like eu-west-1, us-east-1.');
    expect(session.workspace.data.scope.regions).toEqual([]);
    await app.press(KEY.ctrlU);
    await app.type('eu-west-1, us-east-1 eu-west-1');
    await app.press(KEY.enter);
    await app.waitFor('AWS regions: eu-west-1, us-east-1');
    expect(session.workspace.data.scope.regions).toEqual(['eu-west-1', 'us-east-1']);
    const reopened = await reopenSession(session);
    expect(reopened.workspace.data.scope.regions).toEqual(['eu-west-1', 'us-east-1']);
    // Emptied again: every enabled region.
    await app.press(KEY.enter);
    await app.press(KEY.ctrlU, KEY.enter);
    await app.waitFor('AWS regions: every enabled region');
    expect(session.workspace.data.scope.regions).toEqual([]);
  });

  it('takes the AWS organization role for whole-organization scans, refusing a name IAM would not accept', async () => {
    const { app, session } = await scopeScreen();
    await moveTo(app, 'AWS organization: one account per credential');
    await app.press(KEY.enter);
    await app.waitFor('To read every account of your AWS organization');
    await app.type('Security Audit');
    await app.press(KEY.enter);
    await app.waitFor('Security Audit is not an IAM role name.');
    expect(session.workspace.data.scope.awsOrganizationRole).toBeUndefined();
    await app.press(KEY.ctrlU);
    await app.type('SecurityAuditRole');
    await app.press(KEY.enter);
    await app.waitFor('AWS organization: every account, through role SecurityAuditRole');
    expect(session.workspace.data.scope.awsOrganizationRole).toBe('SecurityAuditRole');
    // Emptied: back to one account per credential.
    await app.press(KEY.enter);
    await app.press(KEY.ctrlU, KEY.enter);
    await app.waitFor('AWS organization: one account per credential');
    expect(session.workspace.data.scope.awsOrganizationRole).toBeUndefined();
  });
});

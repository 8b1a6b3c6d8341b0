import { describe, expect, it } from 'vitest';
import type { Session } from '../../source/ui/session.js';
import {
  KEY,
  questionById,
  questionnaireScreen,
  renderForTest,
  reopenSession,
  visibleCount,
} from './harness.js';

const text = (session: Session, id: string) => questionById(session, id).text;

describe('Questionnaire', () => {
  it('asks one question at a time, with section and count progress and the criteria it serves', async () => {
    const { session, app } = await questionnaireScreen();
    const total = visibleCount(session);
    expect(app.frame()).toContain(`Your audit · question 1 of 5 · section 1 of 10 · 0/${total} answered`);
    expect(app.frame()).toContain('Serves CC4.1 Controls are evaluated on an ongoing or separate basis');
    expect(app.text()).toContain(text(session, 'audit.firm_engaged'));
    expect(app.text()).not.toContain(text(session, 'audit.window_start'));
    expect(app.selected()).toContain('1. Yes');
    for (const choice of ['2. No', '3. Partly', "4. I don't know"]) expect(app.frame()).toContain(choice);
    expect(app.frame()).toMatch(/Enter answer · Esc back · Tab skip · \? help · q quit/);

    await app.press(KEY.enter);
    await app.waitFor(`question 2 of 6 · section 1 of 10 · 1/${total + 1} answered`);
    expect(app.text()).toContain(text(session, 'audit.firm_name'));
    expect(app.text()).not.toContain(text(session, 'audit.firm_engaged'));
    expect(app.frame()).toMatch(/Enter answer · Esc back · Tab skip · \? help · Ctrl-C quit/);
  });

  it('shows a follow-up question only after the answer that enables it', async () => {
    const { session, app } = await questionnaireScreen();
    expect(app.frame()).toContain('question 1 of 5');
    await app.press(KEY.down, KEY.enter); // No
    await app.waitFor(text(session, 'audit.window_start'));
    expect(session.workspace.answers['audit.firm_engaged']).toBe('no');
    expect(app.frame()).toContain('question 2 of 5');

    // Back, change the answer to Yes: now the firm's name is asked next.
    await app.press(KEY.escape);
    await app.waitFor('Saved answer: No');
    expect(app.selected()).toContain('2. No');
    await app.press(KEY.up, KEY.enter);
    await app.waitFor(text(session, 'audit.firm_name'));
    expect(session.workspace.answers['audit.firm_engaged']).toBe('yes');
    expect(app.frame()).toContain('question 2 of 6');

    // Partly also enables it; I don't know does not.
    await app.press(KEY.escape);
    await app.waitFor('Saved answer: Yes');
    await app.press(KEY.down, KEY.down, KEY.down, KEY.enter);
    await app.waitFor(text(session, 'audit.window_start'));
    expect(session.workspace.answers['audit.firm_engaged']).toBe('unknown');
  });

  it('takes typed text, dates and numbers, with a message for what it cannot take', async () => {
    const { session, app } = await questionnaireScreen('audit.firm_name', {
      'audit.firm_engaged': 'yes',
    });
    // 'q' in a text field is text, and Enter on an empty field does nothing.
    await app.press(KEY.enter);
    expect(app.text()).toContain(text(session, 'audit.firm_name'));
    await app.type('Acme q');
    expect(app.frame()).toContain('› Acme q');
    expect(app.exited()).toBe(false);
    await app.press(KEY.ctrlU);
    // Keys that arrive together (before the screen redraws) are all kept, Enter included.
    app.stdin.write('Acme');
    app.stdin.write(' Assurance LLP');
    app.stdin.write(KEY.enter);
    await app.waitFor(text(session, 'audit.window_start'));
    expect(session.workspace.answers['audit.firm_name']).toBe('Acme Assurance LLP');
    expect(app.frame()).toContain("A date as YYYY-MM-DD, or 'unknown'.");

    await app.type('2026-13-45');
    await app.press(KEY.enter);
    await app.waitFor('Enter a date as YYYY-MM-DD.');
    expect(app.text()).toContain(text(session, 'audit.window_start'));
    expect(session.workspace.answers['audit.window_start']).toBeUndefined();
    await app.press(KEY.ctrlU);
    await app.type('2026-09-01');
    await app.press(KEY.enter);
    await app.waitFor(text(session, 'audit.window_end'));
    expect(app.frame()).not.toContain('Enter a date as');
    expect(session.workspace.answers['audit.window_start']).toBe('2026-09-01');
  });

  it('takes numbers within their range, and unknown', async () => {
    const { session, app } = await questionnaireScreen('staffing.compliance_fte');
    expect(app.frame()).toContain("A number (e.g. 0.5), or 'unknown'.");
    await app.type('lots');
    await app.press(KEY.enter);
    await app.waitFor('Enter a number.');
    await app.press(KEY.ctrlU);
    await app.type('60');
    await app.press(KEY.enter);
    await app.waitFor('Enter a number no larger than 50.');
    expect(session.workspace.answers['staffing.compliance_fte']).toBeUndefined();
    await app.press(KEY.ctrlU);
    await app.type('0,5');
    await app.press(KEY.enter);
    await app.waitFor(text(session, 'staffing.remediation_fte'));
    expect(session.workspace.answers['staffing.compliance_fte']).toBe(0.5);
    // "unknown" is an answer to any question.
    await app.type('unknown');
    await app.press(KEY.enter);
    await app.waitFor(text(session, 'policies.written'));
    expect(session.workspace.answers['staffing.remediation_fte']).toBe('unknown');
  });

  it('picks one of the choices of a choice question', async () => {
    const { session, app } = await questionnaireScreen('policies.background_checks');
    expect(app.frame()).toContain('Policies, training and people');
    const options = questionById(session, 'policies.background_checks').options!;
    for (const [i, option] of options.entries()) expect(app.frame()).toContain(`${i + 1}. ${option.label}`);
    expect(app.frame()).toContain(`${options.length + 1}. I don't know`);
    await app.press(KEY.down, KEY.enter);
    await app.waitFor(text(session, 'risk.assessment'));
    expect(session.workspace.answers['policies.background_checks']).toBe(options[1]!.value);
    expect(app.frame()).toContain('Risk assessment · question 1 of');
    // Back to it: the saved choice is highlighted, and a digit picks a choice directly.
    await app.press(KEY.escape);
    await app.waitFor(`Saved answer: ${options[1]!.label}`);
    expect(app.selected()).toContain(`2. ${options[1]!.label}`);
    await app.press('1');
    await app.waitFor(text(session, 'risk.assessment'));
    expect(session.workspace.answers['policies.background_checks']).toBe(options[0]!.value);
  });

  it("shows the help with '?', also in an empty text field", async () => {
    const { session, app } = await questionnaireScreen();
    const help = questionById(session, 'audit.firm_engaged').help;
    expect(app.text()).not.toContain(help);
    await app.press('?');
    await app.waitFor(help);
    await app.press('?');
    await app.waitForGone('Only a licensed CPA firm');

    await app.press(KEY.enter);
    await app.waitFor(text(session, 'audit.firm_name'));
    const textHelp = questionById(session, 'audit.firm_name').help;
    await app.press('?');
    await app.waitFor(textHelp);
    expect(app.frame()).not.toContain('› ?');
    // With text already typed, '?' is part of the answer.
    await app.type('Who');
    await app.type('?');
    expect(app.frame()).toContain('› Who?');
  });

  it('goes back with Esc and skips with Tab, leaving answers as they were', async () => {
    const { session, app } = await questionnaireScreen();
    await app.press(KEY.tab);
    await app.waitFor(text(session, 'audit.window_start'));
    expect(session.workspace.answers).toEqual({});
    await app.press(KEY.tab);
    await app.waitFor(text(session, 'audit.window_end'));
    await app.press(KEY.escape);
    await app.waitFor(text(session, 'audit.window_start'));
    await app.press(KEY.escape);
    await app.waitFor(text(session, 'audit.firm_engaged'));
    expect(session.workspace.answers).toEqual({});
    // Esc on the first question goes home.
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
  });

  it('saves every answer at once, and a new app on the workspace resumes at the same question', async () => {
    const { session, app: first } = await questionnaireScreen();
    await first.press(KEY.enter);
    await first.waitFor(text(session, 'audit.firm_name'));
    // On disk already, not only in memory.
    expect((await reopenSession(session)).workspace.answers).toEqual({ 'audit.firm_engaged': 'yes' });
    await first.type('Acme Assurance LLP');
    await first.press(KEY.enter);
    await first.waitFor(text(session, 'audit.window_start'));
    expect((await reopenSession(session)).workspace.answers).toEqual({
      'audit.firm_engaged': 'yes',
      'audit.firm_name': 'Acme Assurance LLP',
    });
    expect((await reopenSession(session)).workspace.data.answers.resumeAt).toBe('audit.window_start');
    first.unmount();

    const again = await reopenSession(session);
    let app = renderForTest(again, 'questionnaire');
    await app.waitFor(text(session, 'audit.window_start'));
    expect(app.frame()).toContain(`question 3 of 6 · section 1 of 10 · 2/${visibleCount(again)} answered`);
    app.unmount();

    // Home offers to resume, and lands on the same question.
    app = renderForTest(await reopenSession(session));
    await app.waitFor(`Resume the questionnaire (2 of ${visibleCount(again)} answered)`);
    await app.press(KEY.down, KEY.enter);
    await app.waitFor(text(session, 'audit.window_start'));
  });

  it('shows the done screen after the last question', async () => {
    const { session, app } = await questionnaireScreen('evidence.deficiencies_tracked');
    await app.press(KEY.enter);
    await app.waitFor('Questionnaire done for now');
    expect(session.workspace.answers['evidence.deficiencies_tracked']).toBe('yes');
    expect(app.frame()).toContain(`1 of ${visibleCount(session)} questions answered.`);
    expect(app.frame()).toMatch(/Enter choose · Esc last question · q quit/);
    expect(app.selected()).toContain('Back to home');

    // Esc returns to the last question; Tab past it finishes again.
    await app.press(KEY.escape);
    await app.waitFor(text(session, 'evidence.deficiencies_tracked'));
    await app.press(KEY.tab);
    await app.waitFor('Questionnaire done for now');

    await app.press(KEY.down, KEY.enter); // Review the answers from the start
    await app.waitFor(text(session, 'audit.firm_engaged'));
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
    expect(app.frame()).toContain(`Questionnaire: 1 of ${visibleCount(session)} answered`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenName } from '../../source/ui/navigation.js';
import type { Session } from '../../source/ui/session.js';
import { KEY, NOW, recordDemoRun, renderForTest, startGuided, testSession, type TestApp } from './harness.js';

const WIDTH = 80;

let session: Session;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await testSession({
    credentials: [
      {
        provider: 'aws',
        kind: 'credentials file profile',
        label: 'legacy-deployer-with-a-rather-long-profile-name',
        note: 'long-lived access keys in ~/.aws/credentials; prefer SSO',
        target: { provider: 'aws', from: 'profile', profile: 'legacy-deployer', sso: false },
      },
    ],
  });
  session = t.session;
  cleanup = t.cleanup;
  await session.workspace.replaceAnswers({
    'audit.firm_engaged': 'yes',
    'vendors.list': [
      { name: 'Stripe', service: 'Payments', customer_data: 'yes', soc2_report: 'no' },
      {
        name: 'Amazon Web Services',
        service: 'Hosting for the whole production platform and its backups',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: '2026-06-30',
        bridge_letter: 'no',
        cuecs_reviewed: 'partial',
      },
    ],
  });
  await recordDemoRun(session);
  await recordDemoRun(session, new Date(NOW.getTime() + 7 * 24 * 3600 * 1000));
});
afterAll(async () => {
  await cleanup();
});

interface State {
  name: string;
  screen: ScreenName;
  /** Question to resume at, for the questionnaire states. */
  resumeAt?: string;
  /** Keys (and waits) from the screen's first frame to the state. */
  reach?: (app: TestApp) => Promise<void>;
  /** Shown once the state is reached. */
  shows: string | RegExp;
  footer: string;
  /** Fixed-width table rows: a cut-off cell must still leave a space before the next column. */
  table?: boolean;
}

/** A `reach` that waits for `shown`, then presses `keys`. */
const pressOn =
  (shown: string, ...keys: string[]) =>
  async (app: TestApp): Promise<void> => {
    await app.waitFor(shown);
    await app.press(...keys);
  };

const STATES: State[] = [
  {
    name: 'home',
    screen: 'home',
    shows: 'Compare with the previous run',
    footer: '↑↓ move · Enter choose · q quit',
  },
  {
    name: 'scope',
    screen: 'scope',
    shows: 'What is in scope',
    footer: '↑↓ move · Space toggle · Enter choose · c continue · Esc home · q quit',
  },
  {
    name: 'scope, editing a date',
    screen: 'scope',
    reach: pressOn('What is in scope', ...Array<string>(8).fill(KEY.down), KEY.enter),
    shows: 'YYYY-MM-DD, empty to clear',
    footer: 'Enter save date · Esc cancel · Ctrl-C quit',
  },
  {
    name: 'scope, editing the regions',
    screen: 'scope',
    reach: pressOn('What is in scope', ...Array<string>(6).fill(KEY.down), KEY.enter),
    shows: 'AWS regions to read, separated by commas',
    footer: 'Enter save regions · Esc cancel · Ctrl-C quit',
  },
  {
    name: 'scope, editing the organization role',
    screen: 'scope',
    reach: pressOn('What is in scope', ...Array<string>(7).fill(KEY.down), KEY.enter),
    shows: 'To read every account of your AWS organization',
    footer: 'Enter save role · Esc cancel · Ctrl-C quit',
  },
  {
    name: 'connect',
    screen: 'home',
    reach: (app) => startGuided(app, 'connect'),
    shows: 'Continue on the demo estate',
    footer: '↑↓ move · Enter choose · Esc home · q quit',
  },
  { name: 'scan, done', screen: 'scan', shows: 'Recorded run', footer: 'Enter continue · Esc home · q quit' },
  {
    name: 'questionnaire, yes/no with help',
    screen: 'questionnaire',
    resumeAt: 'audit.firm_engaged',
    reach: pressOn('Have you engaged', '?'),
    shows: 'Only a licensed CPA firm',
    footer: 'Enter answer · Esc back · Tab skip · ? help · q quit',
  },
  {
    name: 'questionnaire, text',
    screen: 'questionnaire',
    resumeAt: 'audit.firm_name',
    shows: 'Which audit firm?',
    footer: 'Enter answer · Esc back · Tab skip · ? help · Ctrl-C quit',
  },
  {
    name: 'list editor',
    screen: 'questionnaire',
    resumeAt: 'vendors.list',
    shows: '2. Amazon Web Services',
    footer: 'Enter answer · Esc back · Tab skip · ? help · q quit',
  },
  {
    name: 'list editor, adding an entry',
    screen: 'questionnaire',
    resumeAt: 'vendors.list',
    reach: pressOn('Add another entry', KEY.enter),
    shows: 'Entry 3',
    footer: 'Enter answer · Esc drop this entry · Ctrl-C quit',
  },
  {
    name: 'questionnaire, done',
    screen: 'questionnaire',
    resumeAt: 'evidence.deficiencies_tracked',
    reach: pressOn('Esc back', KEY.tab),
    shows: 'Questionnaire done for now',
    footer: 'Enter choose · Esc last question · q quit',
  },
  {
    name: 'results, criteria',
    screen: 'results',
    shows: 'By criterion',
    footer: '↑↓ move · Enter open · Esc home · s severity · p provider · q quit',
    table: true,
  },
  {
    name: 'results, controls',
    screen: 'results',
    reach: pressOn('By criterion', KEY.enter),
    shows: /Control\s+Severity/,
    footer: '↑↓ move · Enter open · Esc up · s severity · p provider · q quit',
    table: true,
  },
  {
    name: 'results, resources',
    screen: 'results',
    reach: async (app) => {
      await app.waitFor('By criterion');
      await app.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.enter);
      await app.waitFor(/Control\s+Severity/);
      await app.press(KEY.enter);
    },
    shows: /Status\s+Resource\s+Where/,
    footer: '↑↓ move · Enter open · Esc up · s severity · p provider · q quit',
    table: true,
  },
  {
    name: 'plan',
    screen: 'plan',
    shows: 'Readiness: design',
    footer: '↑↓ move · Enter details · e export · r results · Esc home · q quit',
    table: true,
  },
  {
    name: 'plan, a gap',
    screen: 'plan',
    reach: pressOn('Readiness: design', KEY.enter),
    shows: 'Affected (',
    footer: 'Esc back to the plan · q quit',
  },
  {
    name: 'compare',
    screen: 'compare',
    shows: 'Still open',
    footer: 'Tab ←→ fixed / new / still open · ↑↓ move · Esc home · q quit',
    table: true,
  },
  {
    name: 'export',
    screen: 'export',
    shows: 'Export the plan',
    footer: '↑↓ move · Enter choose · Esc home · q quit',
  },
  {
    name: 'export, path',
    screen: 'export',
    reach: pressOn('Export the plan', KEY.enter),
    shows: 'Where should it go?',
    footer: 'Enter write · Esc formats · Ctrl-C quit',
  },
  {
    name: 'export, failed',
    screen: 'export',
    reach: async (app) => {
      await app.waitFor('Export the plan');
      await app.press(KEY.enter);
      await app.waitFor('› soc2-plan.md');
      await app.press(KEY.ctrlU);
      await app.type('a-folder-that-does-not-exist/with/a/long/path/soc2-plan.md');
      await app.press(KEY.enter);
    },
    shows: 'ENOENT',
    footer: '↑↓ move · Enter choose · Esc home · q quit',
  },
];

async function reach(state: State): Promise<TestApp> {
  if (state.resumeAt) await session.workspace.setResumeAt(state.resumeAt);
  const app = renderForTest(session, state.screen, { columns: WIDTH });
  await state.reach?.(app);
  await app.waitFor(state.shows);
  return app;
}

const footerOf = (frame: string) => frame.trimEnd().split('\n').at(-1)!.trim();

describe('the app', () => {
  it("quits with 'q' from a screen without a text field", async () => {
    for (const screen of ['home', 'plan'] as const) {
      const app = renderForTest(session, screen);
      await app.waitFor(/Enter choose|Enter details/);
      expect(app.exited()).toBe(false);
      await app.press('q');
      expect(app.exited(), screen).toBe(true);
    }
  });

  it("takes 'q' typed into a text field as text", async () => {
    const app = renderForTest(session, 'export');
    await app.waitFor('Export the plan');
    await app.press(KEY.enter);
    await app.waitFor('› soc2-plan.md');
    await app.press(KEY.ctrlU);
    await app.type('q');
    await app.press('q');
    expect(app.frame()).toContain('› qq');
    expect(app.exited()).toBe(false);
    // Leaving the field gives 'q' back to quitting.
    await app.press(KEY.escape);
    await app.waitFor('Markdown');
    await app.press('q');
    expect(app.exited()).toBe(true);
  });

  it.each(STATES.map((s) => [s.name, s] as const))(
    '%s: names its keys in the footer, quits on q only where it says so, and fits 80 columns',
    async (_name, state) => {
      const app = await reach(state);
      const frame = app.frame();
      expect(footerOf(frame)).toBe(state.footer);
      for (const line of frame.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(WIDTH);
      if (state.table) {
        const rows = frame.split('\n').filter((l) => /^[ ›]\S/.test(l) || /^[ ›]\s+\d+ /.test(l));
        expect(rows.length).toBeGreaterThan(1);
        for (const row of rows) expect(row, row).not.toMatch(/…\S/);
      }

      await app.press('q');
      if (state.footer.endsWith('q quit')) {
        expect(app.exited()).toBe(true);
      } else {
        expect(app.exited()).toBe(false);
        expect(app.frame()).toMatch(/› \S*q/);
      }
    },
  );

  it('names the next step in the guided flow and fits it in 80 columns', async () => {
    await session.workspace.setResumeAt('evidence.deficiencies_tracked');
    const app = renderForTest(session, 'home', { columns: WIDTH });
    await startGuided(app, 'scan');
    await app.waitFor('Recorded run');
    await app.press(KEY.enter);
    await app.waitFor('Esc back');
    await app.press(KEY.tab);
    await app.waitFor('Continue to the results');
    await app.press(KEY.enter);
    await app.waitFor('By criterion');
    expect(footerOf(app.frame())).toBe(
      '↑↓ move · Enter open · Esc home · s severity · p provider · n plan · q quit',
    );
    await app.press('n');
    await app.waitFor('Readiness: design');
    expect(app.frame()).toContain('Plan (new assessment)');
  });
});

// Drives the app in ink-testing-library: a real workspace in a temp folder, the real content and demo
// estate, a fixed clock, and keys sent with the pauses Ink needs between them.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { onTestFinished } from 'vitest';
import { assess } from '../../source/app/assess.js';
import { loadContent, type Content } from '../../source/app/content.js';
import type { CredentialSource } from '../../source/app/credentials.js';
import { scanAndRecord } from '../../source/app/scan.js';
import type { Finding } from '../../source/model/finding.js';
import type { Plan } from '../../source/plan/types.js';
import type { Answers, Question } from '../../source/questionnaire/types.js';
import { visibleQuestions } from '../../source/questionnaire/visibility.js';
import type { RunRecord } from '../../source/store/workspace-data.js';
import { Workspace } from '../../source/store/workspace.js';
import { App } from '../../source/ui/App.js';
import type { ScreenName } from '../../source/ui/navigation.js';
import type { Session } from '../../source/ui/session.js';

export const NOW = new Date('2026-11-20T10:00:00Z');

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  /** Clears a text field. */
  ctrlU: '\u0015',
} as const;

let content: Content | undefined;

export async function getContent(): Promise<Content> {
  content ??= await loadContent();
  return content;
}

export interface TestSessionOptions {
  credentials?: CredentialSource[];
  /** What the cloud says of each credential; by default every one is accepted. */
  verifyIdentity?: Session['verifyIdentity'];
  /** Wraps the session's scan (the real scanAndRecord on the demo estate at NOW). */
  scan?: (real: Session['scan']) => Session['scan'];
}

export async function testSession(
  options: TestSessionOptions = {},
): Promise<{ session: Session; cleanup: () => Promise<void> }> {
  const loaded = await getContent();
  const dir = await mkdtemp(join(tmpdir(), 'soc2-ui-'));
  const workspace = await Workspace.open(join(dir, 'ws'), NOW);
  const session = sessionFor(workspace, loaded, dir, options);
  return { session, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** testSession, its folder removed when the current test finishes (call it inside a test). */
export async function sessionForTest(options: TestSessionOptions = {}): Promise<Session> {
  const { session, cleanup } = await testSession(options);
  onTestFinished(cleanup);
  return session;
}

function sessionFor(
  workspace: Workspace,
  loaded: Content,
  dir: string,
  options: TestSessionOptions,
): Session {
  const real: Session['scan'] = (scan) => scanAndRecord(workspace, loaded, { ...scan, now: NOW });
  return {
    workspace,
    content: loaded,
    demo: true,
    cwd: dir,
    now: () => NOW,
    detectCredentials: async () => options.credentials ?? [],
    verifyIdentity: options.verifyIdentity ?? (async () => ({ ok: true, identity: 'accepted in tests' })),
    scan: options.scan ? options.scan(real) : real,
  };
}

/** A second session on the same folder, its workspace read back from disk (as a restarted app would). */
export async function reopenSession(session: Session, options: TestSessionOptions = {}): Promise<Session> {
  const workspace = await Workspace.open(session.workspace.dir, NOW);
  return sessionFor(workspace, session.content, session.cwd, options);
}

/** Records a demo run directly (no Scan screen), for the screens that need one. */
export async function recordDemoRun(session: Session, at = NOW): Promise<RunRecord> {
  const { run } = await scanAndRecord(session.workspace, session.content, { demo: true, now: at });
  return run;
}

/** What Results, Plan and Export compute for the latest run, for expected values in tests. */
export async function latestAssessment(session: Session): Promise<{ findings: Finding[]; plan: Plan }> {
  const run = session.workspace.latestRun();
  if (!run) throw new Error('no run recorded');
  return assess({
    content: session.content,
    checkFindings: await session.workspace.loadFindings(run),
    answers: session.workspace.answers,
    categories: session.workspace.data.scope.categories,
    asOf: NOW.toISOString(),
  });
}

/** A question of the loaded questionnaires, by id. */
export function questionById(session: Session, id: string): Question {
  const question = session.content.questionnaires.flatMap((q) => q.questions).find((q) => q.id === id);
  if (!question) throw new Error(`no question ${id}`);
  return question;
}

/** How many questions the current answers make visible (the "of N" the app shows). */
export function visibleCount(session: Session): number {
  return visibleQuestions(session.content.questionnaires, session.workspace.answers).length;
}

export const pause = (ms = 25) => new Promise((resolve) => setTimeout(resolve, ms));

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Waits `ms`, then lets queued setImmediate work run: React attaches Ink's new key handlers in effects
 * it schedules with setImmediate, and on a busy machine a late timer can fire before them (timers run
 * before immediates), sending the next key to the old handler.
 */
export async function settle(ms = 25): Promise<void> {
  await pause(ms);
  for (let i = 0; i < 3; i++) await tick();
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*[A-Za-z]/g;
export const stripAnsi = (text: string) => text.replace(ANSI, '');

const flatten = (frame: string) => frame.replace(/[│╭╮╰╯]/g, ' ').replace(/\s+/g, ' ');

export interface RenderOptions {
  /** Terminal width. ink-testing-library's stdout always reports 100; this overrides it. */
  columns?: number;
}

export function renderApp(session: Session, initialScreen: ScreenName = 'home', options: RenderOptions = {}) {
  const tree = <App session={session} initialScreen={initialScreen} />;
  const app = render(tree);
  if (options.columns !== undefined) {
    // ink-testing-library's Stdout has a fixed `columns` getter on its prototype; Ink reads the
    // width at every layout, so shadowing it on the instance and re-rendering lays out at this width.
    Object.defineProperty(app.stdout, 'columns', { value: options.columns, configurable: true });
    app.rerender(tree);
  }
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await settle();
    }
  };
  const type = async (text: string) => {
    app.stdin.write(text);
    await settle();
  };
  const frame = () => stripAnsi(app.lastFrame() ?? '');
  /** The frame as one line, without box borders, runs of spaces made one: for text that may wrap. */
  const text = () => flatten(frame());
  /** Waits until `check` holds for the frame (screens load asynchronously). */
  const waitUntil = async (check: (frame: string) => boolean, what: string, timeout = 3000) => {
    const start = Date.now();
    for (;;) {
      const current = frame();
      if (check(current)) {
        // Let the new screen attach its key handlers before the next key.
        await settle();
        return current;
      }
      if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}; frame:\n${current}`);
      await pause(10);
    }
  };
  /** Waits until the frame shows `expected` (as it is, or with its line breaks made spaces). */
  const waitFor = (expected: string | RegExp, timeout = 3000) =>
    waitUntil(
      (current) => {
        const flat = flatten(current);
        return typeof expected === 'string'
          ? current.includes(expected) || flat.includes(expected)
          : expected.test(current) || expected.test(flat);
      },
      String(expected),
      timeout,
    );
  /** Waits until the frame no longer shows `text`. */
  const waitForGone = (gone: string | RegExp, timeout = 3000) =>
    waitUntil(
      (current) => (typeof gone === 'string' ? !current.includes(gone) : !gone.test(current)),
      `${String(gone)} to go`,
      timeout,
    );
  /** The line of the frame holding `text` (the first one), or undefined. */
  const line = (match: string | RegExp) =>
    frame()
      .split('\n')
      .find((l) => (typeof match === 'string' ? l.includes(match) : match.test(l)));
  /** The highlighted row of a list, table or pick list (the one marked › or ❯). */
  const selected = () => line(/^\s*[›❯]/);
  /** Whether the app has exited: Ink stops reading the keyboard when it unmounts. */
  const exited = () => app.stdin.listenerCount('readable') === 0;
  return { ...app, press, type, frame, text, waitFor, waitUntil, waitForGone, line, selected, exited };
}

export type TestApp = ReturnType<typeof renderApp>;

/**
 * renderApp, unmounted when the current test finishes (call it inside a test). Unmounting it earlier
 * is fine: a second unmount does nothing. Finish hooks run last-registered first, so an app rendered
 * on a sessionForTest session is unmounted before the session's folder goes.
 */
export function renderForTest(
  session: Session,
  initialScreen: ScreenName = 'home',
  options: RenderOptions = {},
): TestApp {
  const app = renderApp(session, initialScreen, options);
  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    app.unmount();
  };
  onTestFinished(unmount);
  return { ...app, unmount };
}

/**
 * A new session with a recorded demo run, rendered at `screen` once it shows `shows` (given what the
 * screen computes for the run). `prepare` runs on the session before the run is recorded.
 */
export async function screenAfterDemoRun(
  screen: ScreenName,
  shows: (assessment: { findings: Finding[]; plan: Plan }) => string | RegExp,
  prepare?: (session: Session) => Promise<void>,
) {
  const session = await sessionForTest();
  await prepare?.(session);
  await recordDemoRun(session);
  const { findings, plan } = await latestAssessment(session);
  const app = renderForTest(session, screen);
  await app.waitFor(shows({ findings, plan }));
  return { session, app, findings, plan };
}

/** A new session's questionnaire screen with `answers` saved, opened at `at` (or where it would resume). */
export async function questionnaireScreen(at?: string, answers: Answers = {}) {
  const session = await sessionForTest();
  await session.workspace.replaceAnswers(answers);
  if (at) await session.workspace.setResumeAt(at);
  const app = renderForTest(session, 'questionnaire');
  await app.waitFor(at ? questionById(session, at).text : 'Your audit');
  return { session, app };
}

/** From home, starts a new assessment and walks the guided flow to `screen` (scope, connect or scan). */
export async function startGuided(app: TestApp, screen: 'scope' | 'connect' | 'scan'): Promise<void> {
  await app.waitFor('Start a new assessment');
  await app.press(KEY.enter);
  await app.waitFor('What is in scope');
  if (screen === 'scope') return;
  await app.press('c');
  await app.waitFor('Continue on the demo estate');
  if (screen === 'connect') return;
  await app.press(KEY.enter);
  await app.waitFor(/Scanning|Recorded run/);
}

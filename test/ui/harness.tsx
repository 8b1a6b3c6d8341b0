// Drives the app in ink-testing-library: a real workspace in a temp folder, the real content and demo
// estate, a fixed clock, and keys sent with the pauses Ink needs between them.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { loadContent, type Content } from '../../source/app/content.js';
import type { CredentialSource } from '../../source/app/credentials.js';
import { scanAndRecord } from '../../source/app/scan.js';
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
} as const;

let content: Content | undefined;

export async function testSession(
  options: { credentials?: CredentialSource[] } = {},
): Promise<{ session: Session; cleanup: () => Promise<void> }> {
  content ??= await loadContent();
  const dir = await mkdtemp(join(tmpdir(), 'soc2-ui-'));
  const workspace = await Workspace.open(join(dir, 'ws'), NOW);
  const loaded = content;
  const session: Session = {
    workspace,
    content: loaded,
    demo: true,
    cwd: dir,
    now: () => NOW,
    detectCredentials: async () => options.credentials ?? [],
    scan: (scan) => scanAndRecord(workspace, loaded, { ...scan, now: NOW }),
  };
  return { session, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const pause = (ms = 25) => new Promise((resolve) => setTimeout(resolve, ms));

export function renderApp(session: Session, initialScreen: ScreenName = 'home') {
  const app = render(<App session={session} initialScreen={initialScreen} />);
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await pause();
    }
  };
  const type = async (text: string) => {
    app.stdin.write(text);
    await pause();
  };
  const frame = () => app.lastFrame() ?? '';
  /** Waits until the frame shows `text` (screens load asynchronously). */
  const waitFor = async (text: string | RegExp, timeout = 3000) => {
    const start = Date.now();
    for (;;) {
      const current = frame();
      if (typeof text === 'string' ? current.includes(text) : text.test(current)) {
        // Let the new screen attach its key handlers before the next key.
        await pause();
        return current;
      }
      if (Date.now() - start > timeout)
        throw new Error(`timed out waiting for ${String(text)}; frame:\n${current}`);
      await pause(10);
    }
  };
  return { ...app, press, type, frame, waitFor };
}

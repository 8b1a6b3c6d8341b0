// Opens the workspace, loads the content and hands the terminal to Ink until the person leaves.

import { render } from 'ink';
import type { GlobalFlags } from '../cli/args.js';
import { loadContent } from '../app/content.js';
import { detectCredentials } from '../app/credentials.js';
import { scanAndRecord } from '../app/scan.js';
import { Workspace, workspaceDir } from '../store/workspace.js';
import { App } from './App.js';
import type { Session } from './session.js';

export async function startTui(flags: GlobalFlags): Promise<number> {
  const cwd = process.cwd();
  const [workspace, content] = await Promise.all([
    Workspace.open(workspaceDir(flags.workspace, cwd)),
    loadContent(),
  ]);
  const session: Session = {
    workspace,
    content,
    demo: flags.demo,
    cwd,
    now: () => new Date(),
    detectCredentials: () => detectCredentials(),
    scan: (options) => scanAndRecord(workspace, content, { ...options, now: new Date() }),
  };
  const instance = render(<App session={session} />, { exitOnCtrlC: true });
  await instance.waitUntilExit();
  return 0;
}

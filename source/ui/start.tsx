// Opens the workspace and hands the terminal to Ink until the person leaves. The first frame goes
// up before the checks and questionnaires load (parsing them is most of start-up), so the app
// answers at once; the home screen replaces it as soon as they are in.

import { Box, render, Text, useApp, useInput } from 'ink';
import { useEffect, useState } from 'react';
import type { GlobalFlags } from '../cli/args.js';
import { detectCredentials } from '../app/credentials.js';
import { verifyIdentity } from '../collect/identity.js';
import { Workspace, workspaceDir } from '../store/workspace.js';
import { InputError } from '../util/errors.js';
import { App } from './App.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { Spinner } from './components/Spinner.js';
import type { Session } from './session.js';

export async function startTui(flags: GlobalFlags): Promise<number> {
  const cwd = process.cwd();
  const workspace = await Workspace.open(workspaceDir(flags.workspace, cwd));
  let failed = false;
  const instance = render(
    <Root workspace={workspace} flags={flags} cwd={cwd} onFail={() => (failed = true)} />,
    {
      exitOnCtrlC: true,
    },
  );
  await instance.waitUntilExit();
  return failed ? 2 : 0;
}

function Root({
  workspace,
  flags,
  cwd,
  onFail,
}: {
  workspace: Workspace;
  flags: GlobalFlags;
  cwd: string;
  onFail: () => void;
}) {
  const [session, setSession] = useState<Session | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    loadSession(workspace, flags, cwd).then(setSession, (e: unknown) => {
      onFail();
      setError(e instanceof InputError ? e.describe() : String(e));
    });
  }, [workspace, flags, cwd, onFail]);
  if (session) return <App session={session} />;
  return <Starting workspace={workspace} error={error} />;
}

async function loadSession(workspace: Workspace, flags: GlobalFlags, cwd: string): Promise<Session> {
  const [{ loadContent }, { scanAndRecord }] = await Promise.all([
    import('../app/content.js'),
    import('../app/scan.js'),
  ]);
  const content = await loadContent();
  return {
    workspace,
    content,
    demo: flags.demo,
    cwd,
    now: () => new Date(),
    detectCredentials: () => detectCredentials(),
    verifyIdentity: (target) => verifyIdentity(target),
    scan: (options) => scanAndRecord(workspace, content, { ...options, now: new Date() }),
  };
}

function Starting({ workspace, error }: { workspace: Workspace; error: string | undefined }) {
  const { exit } = useApp();
  useInput((input) => {
    if (input === 'q' || error) exit();
  });
  return (
    <Box flexDirection="column">
      <Header title="Home" />
      <Box flexDirection="column" paddingX={1}>
        <Text>How far you are from a clean SOC 2 Type II report, and what to do about it.</Text>
        <Text dimColor>Workspace: {workspace.dir}</Text>
        {error ? (
          <Text color="red">Could not load the checks and questionnaires: {error}</Text>
        ) : (
          <Text>
            <Spinner /> Loading the checks and questionnaires…
          </Text>
        )}
      </Box>
      <Footer keys={error ? [['any key', 'quit']] : [['q', 'quit']]} />
    </Box>
  );
}

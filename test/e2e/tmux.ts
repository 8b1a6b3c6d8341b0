// Drives the built app in a real terminal: tmux with its own server socket, a 100x30 window, a temp
// home (so no real cloud credentials are found) and a temp working directory.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve('dist/cli.js');

export class Terminal {
  readonly socket = `soc2-ready-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  readonly dir = mkdtempSync(join(tmpdir(), 'soc2-e2e-'));
  private readonly session = 'app';

  constructor(
    readonly width = 100,
    readonly height = 30,
  ) {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
  }

  /** Starts the app (or any command line) in a fresh window. */
  start(args: readonly string[] = [], env: Record<string, string> = {}): void {
    const vars = { HOME: this.dir, TERM: 'xterm-256color', ...env };
    const command = [
      ...Object.entries(vars).map(([k, v]) => `${k}=${shellQuote(v)}`),
      'node',
      shellQuote(CLI),
      ...args.map(shellQuote),
      '; echo "[exited $?]"; sleep 30',
    ].join(' ');
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.session,
      '-x',
      String(this.width),
      '-y',
      String(this.height),
      '-c',
      this.dir,
      command,
    );
  }

  /** Ends the app's window and starts it again in the same folder (so the same workspace). */
  restart(args: readonly string[] = [], env: Record<string, string> = {}): void {
    this.tmux('kill-session', '-t', this.session);
    this.start(args, env);
  }

  /** tmux key names: Enter, Escape, Up, Down, Tab, Space, C-c; anything else is sent as text. */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      if (/^(Enter|Escape|Up|Down|Left|Right|Tab|Space|BSpace|C-[a-z])$/.test(key))
        this.tmux('send-keys', '-t', this.session, key);
      else this.tmux('send-keys', '-t', this.session, '-l', key);
      await sleep(120);
    }
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  /** The screen with its colour and style escape sequences. */
  screenWithStyles(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.session);
  }

  async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) {
        await sleep(150);
        return this.screen();
      }
      if (Date.now() - start > timeoutMs)
        throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
      await sleep(100);
    }
  }

  stop(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

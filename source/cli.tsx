// Entry point: the guided session by default, headless commands for scripts. Everything heavy is
// imported lazily so the first frame comes quickly.

import { parseCommandLine, USAGE } from './cli/args.js';
import { CollectError, InputError } from './util/errors.js';

// Colour follows the NO_COLOR convention; chalk, under Ink, only reads FORCE_COLOR.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
// The AWS SDK warns about Node 20 on stderr, which would garble the terminal UI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const VERSION = '0.1.0';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const invocation = parseCommandLine(argv);
    const { command, flags } = invocation;
    if (command.name === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.name === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command.name === 'tui') {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        process.stderr.write(
          'soc2-ready: the guided session needs an interactive terminal. In scripts and CI use the headless commands:\n' +
            '  soc2-ready scan --demo --json, soc2-ready plan --format md, soc2-ready answers import FILE (see --help).\n',
        );
        return 2;
      }
      // Ink draws only the last frame when CI is set (is-in-ci); at a real terminal the person wants
      // the session. Cleared before Ink loads, since is-in-ci reads the environment once.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      const { startTui } = await withoutFetch(() => import('./ui/start.js'));
      return await startTui(flags);
    }
    const { runHeadless } = await import('./cli/headless.js');
    return await runHeadless(invocation, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      cwd: process.cwd(),
      now: new Date(),
    });
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`soc2-ready: ${error.describe()}\n`);
      return 2;
    }
    if (error instanceof CollectError) {
      process.stderr.write(`soc2-ready: ${error.message}\n`);
      return 3;
    }
    process.stderr.write(
      `soc2-ready: unexpected error (a bug; please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 70;
  }
}

/**
 * Ink's layout engine (yoga) loads its WebAssembly from a data: URL with fetch when fetch exists,
 * which makes Node load its whole HTTP client first (about 30 ms of start-up). Without fetch it
 * decodes the same bytes directly. Node defines fetch as a lazy getter, so the descriptor is moved
 * aside, not read, and put back once Ink is loaded.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;

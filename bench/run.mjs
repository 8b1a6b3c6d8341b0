// Benchmarks: start-up to the first frame of the guided session in a real pseudo-terminal, the headless
// demo plan end to end, evaluation + planning on a large synthetic estate, and live AWS collection of a
// large account from a local server speaking AWS's wire protocols. Prints medians; the
// figures and this command go in docs/BENCHMARKS.md. Run with `npm run bench` (it builds first).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
// This sandbox sets NODE_EXTRA_CA_CERTS, which costs every Node start about 85 ms loading a CA bundle
// before any of our code runs. It is not part of the app's start-up, so it is left out unless asked.
if (!process.env.BENCH_KEEP_EXTRA_CA) delete process.env.NODE_EXTRA_CA_CERTS;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (n) => `${n.toFixed(0)} ms`;

/** Time from spawning the command in a 100x30 pty until its output shows `marker`. */
function timeToOutput(command, marker, cwd) {
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {
      cwd,
      env: { ...process.env, HOME: cwd, TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    let output = '';
    const timer = setTimeout(() => {
      process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`no "${marker}" within 10 s:\n${output}`));
    }, 10_000);
    child.stdout.on('data', (chunk) => {
      // Drop terminal escape sequences so the marker text can be found.
      // eslint-disable-next-line no-control-regex
      output += chunk.toString().replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');
      if (output.includes(marker)) {
        const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
        clearTimeout(timer);
        process.kill(-child.pid, 'SIGKILL');
        resolvePromise(elapsed);
      }
    });
  });
}

async function series(label, fn) {
  const times = [];
  await fn(); // warm the file cache
  for (let i = 0; i < RUNS; i++) times.push(await fn());
  return { label, median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

const dir = mkdtempSync(join(tmpdir(), 'soc2-bench-'));
try {
  const results = [];
  results.push(
    await series('node baseline: `node -e 0` without a pty', async () => {
      const start = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0']);
      return Number(process.hrtime.bigint() - start) / 1e6;
    }),
  );
  results.push(
    await series('node baseline: print one line in the pty', () =>
      timeToOutput(`node -e "console.log('ready')"`, 'ready', dir),
    ),
  );
  results.push(
    await series('guided session: first frame', () => timeToOutput(`node ${CLI}`, 'soc2-ready › Home', dir)),
  );
  results.push(
    await series('guided session: home menu ready', () =>
      timeToOutput(`node ${CLI}`, 'Start a new assessment', dir),
    ),
  );
  results.push(
    await series('headless: plan --demo --format json (whole process)', async () => {
      const start = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [CLI, 'plan', '--demo', '--format', 'json'], { cwd: dir });
      if (run.status !== 0) throw new Error(run.stderr.toString());
      return Number(process.hrtime.bigint() - start) / 1e6;
    }),
  );
  const evaluation = spawnSync(process.execPath, ['--import', 'tsx', 'bench/evaluate-large.ts'], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_RUNS: String(Math.min(RUNS, 7)) },
  });
  if (evaluation.status !== 0) throw new Error(evaluation.stderr);
  const collection = spawnSync(process.execPath, ['--import', 'tsx', 'bench/collect-large.ts'], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_RUNS: String(Math.min(RUNS, 5)) },
  });
  if (collection.status !== 0) throw new Error(collection.stderr);

  console.log(
    `Runs per row: ${RUNS} (after one warm-up); machine: ${process.platform} ${process.arch}, node ${process.version}\n`,
  );
  console.log('| what | median | min | max |\n|---|---|---|---|');
  for (const r of results) console.log(`| ${r.label} | ${ms(r.median)} | ${ms(r.min)} | ${ms(r.max)} |`);
  const [bare, pty, firstFrame, home] = results;
  // The pty wrapper (script, a shell, stty) costs the difference between the two baselines.
  const overhead = pty.median - bare.median;
  console.log(`\nWith the pty wrapper's ${ms(overhead)} taken off (pty baseline minus bare node):`);
  console.log(`- launch to first frame: ${ms(firstFrame.median - overhead)}`);
  console.log(`- launch to home menu: ${ms(home.median - overhead)}`);
  console.log(
    `- first frame over a bare Node start: ${((firstFrame.median - overhead) / bare.median).toFixed(1)}x`,
  );
  console.log(`\n${evaluation.stdout.trim()}`);
  console.log(`\n${collection.stdout.trim()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

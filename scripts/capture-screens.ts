// Saves the screens of a demo session at 100x30, as plain text, to docs/screens/ (linked from the
// README). Drives the built app in tmux like the end-to-end tests: `npm run build && npm run screens`.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Terminal } from '../test/e2e/tmux.js';

// SCREENS_SIZE=80x24 SCREENS_OUT=/tmp/screens-80 checks the smallest supported terminal.
const OUT = process.env.SCREENS_OUT ?? 'docs/screens';
const [width, height] = (process.env.SCREENS_SIZE ?? '100x30').split('x').map(Number);
const terminal = new Terminal(width, height);
let n = 0;

async function save(name: string, waitFor: string | RegExp): Promise<void> {
  const screen = await terminal.waitFor(waitFor);
  n += 1;
  const file = join(OUT, `${String(n).padStart(2, '0')}-${name}.txt`);
  writeFileSync(file, `${screen.replace(/\s+$/gm, '').trimEnd()}\n`);
  console.log(file);
}

mkdirSync(OUT, { recursive: true });
try {
  terminal.start();
  await save('home', 'Start a new assessment');
  await terminal.keys('Enter');
  await terminal.keys('Down', 'Down', 'Space', 'Down', 'Space');
  await save('scope', '[x] Confidentiality');
  await terminal.keys('c');
  await save('connect', 'Continue on the demo estate');
  await terminal.keys('Enter');
  await save('scan', 'Recorded run');
  await terminal.keys('Enter');
  await save('question-yes-no', 'Your audit');
  await terminal.keys('Enter', 'Acme Assurance LLP', 'Enter', '2026-09-01', 'Enter');
  await save('question-date', 'question 4 of');
  await terminal.keys('2027-02-28', 'Enter', '2027-04-30', 'Enter', 'Enter', 'Enter', 'Dana Reyes', 'Enter');
  await terminal.keys('?');
  await save('question-help', 'People for compliance');
  await terminal.keys('0.2', 'Enter', '1.5', 'Enter');
  for (let i = 0; i < 80 && !terminal.screen().includes('Vendors and subservice'); i++)
    await terminal.keys('Tab');
  await terminal.waitFor('Vendors and subservice');
  await terminal.keys('Enter');
  await save('question-list', 'Add the first entry');
  for (let i = 0; i < 20 && !terminal.screen().includes('Questionnaire done'); i++)
    await terminal.keys('Tab');
  await save('questionnaire-done', 'Questionnaire done');
  await terminal.keys('Enter');
  await save('results', 'By criterion');
  await terminal.keys('Down', 'Down', 'Down', 'Enter');
  await save('results-controls', 'Severity');
  await terminal.keys('Enter');
  await save('results-resources', 'Reason');
  await terminal.keys('Escape', 'Escape', 'n');
  await save('plan', /\d+ gaps/);
  await terminal.keys('Enter');
  await save('plan-gap', 'Evidence:');
  await terminal.keys('Escape', 'e');
  await save('export', 'Export the plan');
  await terminal.keys('Enter', 'Enter');
  await save('export-written', 'Written:');
  await terminal.keys('Down', 'Enter');
  await save('home-after-run', 'Re-run checks');
} finally {
  terminal.stop();
}

// Evaluation and planning on a large estate: the demo accounts and subscriptions copied many times
// over (with their own ids), so the time per resource is visible. Prints a Markdown table.

import { loadContent } from '../source/app/content.js';
import { assess } from '../source/app/assess.js';
import { evaluateChecks } from '../source/evaluate/evaluate-checks.js';
import { demoSnapshots } from '../source/demo/estate.js';
import { demoAnswers } from '../source/demo/answers.js';
import type { Snapshot } from '../source/model/snapshot.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const COPIES = 50;
const now = new Date('2026-11-20T10:00:00Z');

/** The demo estate COPIES times, each copy with its own account and subscription ids. */
function largeEstate(): Snapshot[] {
  const base = JSON.stringify(demoSnapshots(now));
  return Array.from({ length: COPIES }, (_, i) => {
    const tag = String(i).padStart(4, '0');
    // Account ids and subscription GUIDs are unique strings in the demo; rewriting them keeps ARNs consistent.
    const copy = base
      .replace(/412345678901/g, `41234567${tag}`)
      .replace(/512345678902/g, `51234567${tag}`)
      .replace(/a3f1c9e2-6b7d-4e85-9f20-1c4d7b8e5a63/g, `a3f1c9e2-6b7d-4e85-9f20-1c4d7b8e${tag}`)
      .replace(/c8e2d4f6-1a3b-4c5d-8e7f-9a0b1c2d3e4f/g, `c8e2d4f6-1a3b-4c5d-8e7f-9a0b1c2d${tag}`);
    return JSON.parse(copy) as Snapshot[];
  }).flat();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const content = await loadContent();
const snapshots = largeEstate();
const evaluateTimes: number[] = [];
const planTimes: number[] = [];
let findingCount = 0;
let gapCount = 0;
for (let i = 0; i <= RUNS; i++) {
  const t0 = performance.now();
  const findings = evaluateChecks(snapshots, content.checks);
  const t1 = performance.now();
  const { plan } = assess({
    content,
    checkFindings: findings,
    answers: demoAnswers(now),
    categories: ['security', 'availability', 'confidentiality'],
    asOf: now.toISOString(),
  });
  const t2 = performance.now();
  if (i === 0) continue; // warm-up
  evaluateTimes.push(t1 - t0);
  planTimes.push(t2 - t1);
  findingCount = findings.length;
  gapCount = plan.gaps.length;
}
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
console.log(
  `Large estate: ${snapshots.length} snapshots (${COPIES} copies of the demo), ${findingCount} check findings, ${gapCount} gaps; ${RUNS} runs after a warm-up.\n`,
);
console.log('| what | median |\n|---|---|');
console.log(`| evaluate every check on every snapshot | ${median(evaluateTimes).toFixed(0)} ms |`);
console.log(`| findings + answers to plan | ${median(planTimes).toFixed(0)} ms |`);
console.log(`| heap in use after the runs | ${heapMb.toFixed(0)} MB |`);

// Readiness over time: one point per recorded run, oldest first, so a re-run after remediation shows
// where the score has been going, not only its last step.

import type { RunRecord } from '../store/workspace-data.js';

export interface TrendPoint {
  runId: string;
  at: string;
  design: number;
  operating: number;
  /** A cancelled or incomplete run: its score covers less than the others. */
  partial: boolean;
}

/** The last `limit` runs' readiness, oldest first. */
export function readinessTrend(runs: readonly RunRecord[], limit = 12): TrendPoint[] {
  return [...runs]
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .slice(-limit)
    .map((run) => ({
      runId: run.id,
      at: run.startedAt,
      design: run.readiness.design,
      operating: run.readiness.operating,
      partial: run.partial === true,
    }));
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * Percentages as a row of bars on a fixed 0-100 scale (not scaled to the data), so a flat line at 30%
 * and one at 90% look different.
 */
export function sparkline(percentages: readonly number[]): string {
  return percentages
    .map(
      (p) => BARS[Math.min(BARS.length - 1, Math.floor((Math.max(0, Math.min(100, p)) / 100) * BARS.length))],
    )
    .join('');
}

/** `design ▁▃▅ 12% → 41%`: one figure's trend in a line of text. */
export function trendLine(points: readonly TrendPoint[], figure: 'design' | 'operating'): string {
  const values = points.map((p) => p[figure]);
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined) return `${figure} no runs yet`;
  return `${figure} ${sparkline(values)} ${values.length > 1 ? `${first}% → ` : ''}${last}%`;
}

// Colours in one place. Ink drops them when NO_COLOR is set (see cli.tsx), so meaning never rests on
// colour alone: statuses and severities are always spelled out too.

import type { Severity, Status } from '../model/finding.js';

export const STATUS_COLOR: Record<Status, string> = { PASS: 'green', FAIL: 'red', UNKNOWN: 'yellow' };

export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: 'magenta',
  high: 'red',
  medium: 'yellow',
  low: 'gray',
};

export const ACCENT = 'cyan';

export function scoreColor(score: number): string {
  if (score >= 80) return 'green';
  if (score >= 50) return 'yellow';
  return 'red';
}

import { describe, expect, it } from 'vitest';
import { readinessTrend, sparkline, trendLine } from '../../source/app/trend.js';
import type { RunRecord } from '../../source/store/workspace-data.js';

const run = (
  id: string,
  startedAt: string,
  design: number,
  operating: number,
  partial?: boolean,
): RunRecord => ({
  id,
  startedAt,
  finishedAt: startedAt,
  source: 'live',
  snapshots: [],
  findingsFile: `runs/${id}/findings.json`,
  counts: { PASS: 0, FAIL: 0, UNKNOWN: 0 },
  readiness: { design, operating },
  ...(partial ? { partial } : {}),
});

describe('readiness over time', () => {
  it('lists the runs oldest first, the last ones only, marking partial runs', () => {
    const runs = [
      run('c', '2026-11-20T10:00:00Z', 41, 12),
      run('a', '2026-10-01T10:00:00Z', 12, 0),
      run('b', '2026-10-15T10:00:00Z', 30, 5, true),
    ];
    expect(readinessTrend(runs).map((p) => [p.runId, p.design, p.operating, p.partial])).toEqual([
      ['a', 12, 0, false],
      ['b', 30, 5, true],
      ['c', 41, 12, false],
    ]);
    expect(readinessTrend(runs, 2).map((p) => p.runId)).toEqual(['b', 'c']);
  });

  it('draws bars on a fixed 0-100 scale, so the height means the same in every workspace', () => {
    expect(sparkline([0, 12, 50, 99, 100])).toBe('▁▁▅██');
    expect(sparkline([30, 30])).not.toBe(sparkline([90, 90]));
    expect(sparkline([-5, 140])).toBe('▁█');
  });

  it('says where a figure started and where it is now', () => {
    const points = readinessTrend([
      run('a', '2026-10-01T10:00:00Z', 12, 0),
      run('b', '2026-11-01T10:00:00Z', 41, 8),
    ]);
    expect(trendLine(points, 'design')).toBe('design ▁▄ 12% → 41%');
    expect(trendLine(points.slice(1), 'operating')).toBe('operating ▁ 8%');
    expect(trendLine([], 'design')).toBe('design no runs yet');
  });
});

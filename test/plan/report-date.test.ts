import { describe, expect, it } from 'vitest';
import { REPORT_LAG_DAYS, reportDateImpact } from '../../source/plan/report-date.js';

const asOf = '2026-11-01';

describe('reportDateImpact', () => {
  it('asks for the window dates when they are not answered', () => {
    const { reportDate, delays } = reportDateImpact(
      [{ id: 'a', severity: 'critical', finishDay: 10 }],
      {},
      asOf,
    );
    expect(reportDate.earliestCredible).toBeUndefined();
    expect(reportDate.explanation).toContain('audit.window_start');
    expect(delays.size).toBe(0);
  });

  it('moves the report by how far the last critical or high fix lands inside the window', () => {
    const settings = { windowStart: '2026-11-11', windowEnd: '2027-05-10', targetReportDate: '2027-06-01' };
    const { reportDate, delays } = reportDateImpact(
      [
        { id: 'crit', severity: 'critical', finishDay: 40 }, // 2026-12-11: 30 days into the window
        { id: 'high', severity: 'high', finishDay: 5 }, // before the window: no delay
        { id: 'low', severity: 'low', finishDay: 80 }, // low gaps do not move the report
      ],
      settings,
      asOf,
    );
    expect([...delays]).toEqual([['crit', 30]]);
    // 2026-11-11 + 30 = 2026-12-11, + 180-day window = 2027-06-09, + fieldwork.
    const expected = new Date(Date.parse('2027-06-09') + REPORT_LAG_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(reportDate.earliestCredible).toBe(expected);
    expect(reportDate.slipDays).toBeGreaterThan(0);
  });

  it('cannot promise a date when a critical gap has no capacity', () => {
    const { reportDate } = reportDateImpact(
      [{ id: 'a', severity: 'critical', finishDay: null }],
      { windowStart: '2026-12-01' },
      asOf,
    );
    expect(reportDate.earliestCredible).toBeUndefined();
    expect(reportDate.explanation).toContain('cannot be scheduled');
  });
});

import { describe, expect, it } from 'vitest';
import { readinessOf } from '../../source/plan/readiness.js';
import { finding } from './fixtures.js';

const asOf = '2026-11-01';
const securityCriteria = 33;

describe('readinessOf', () => {
  it('counts UNKNOWN as not passing and lists criteria nothing assessed', () => {
    const onlyUnknown = readinessOf([finding('a', { status: 'UNKNOWN' })], ['security'], {}, asOf);
    const onlyPass = readinessOf([finding('a', { status: 'PASS' })], ['security'], {}, asOf);
    expect(onlyUnknown.design.overall).toBe(0);
    expect(onlyUnknown.design.notAssessed).toHaveLength(securityCriteria);
    expect(onlyPass.design.notAssessed).toHaveLength(securityCriteria - 1);
    // One passing medium control against 32 unassessed criteria of medium weight.
    expect(onlyPass.design.overall).toBe(Math.round(100 / securityCriteria));
  });

  it('scores each control once per criterion by the share of its resources that pass', () => {
    const findings = [
      finding('a', { status: 'PASS', resourceId: '1' }),
      finding('a', { status: 'FAIL', resourceId: '2' }),
      finding('b', { status: 'PASS', severity: 'critical' }),
    ];
    const { design } = readinessOf(findings, ['security'], {}, asOf);
    const assessed = 3 * 0.5 + 10; // a: medium, half passing; b: critical, passing
    const possible = 3 + 10 + 3 * (securityCriteria - 1);
    expect(design.overall).toBe(Math.round((100 * assessed) / possible));
  });

  it('gives operating credit only for passing controls evidenced since the window began', () => {
    const findings = [
      finding('old', { status: 'PASS', evidencedSince: '2026-01-01' }),
      finding('recent', { status: 'PASS', evidencedSince: '2026-10-01' }),
      finding('today-only', { status: 'PASS' }),
    ];
    const readiness = readinessOf(findings, ['security'], { windowStart: '2026-09-01' }, asOf);
    // Three medium controls on CC6.1 plus 32 unassessed criteria of medium weight: 105 possible.
    expect(readiness.design.overall).toBe(Math.round((100 * 9) / 105));
    expect(readiness.operating.overall).toBe(Math.round((100 * 3) / 105));
    expect(readiness.operatingBasis.since).toBe('2026-09-01');
  });

  it('credits a recurring control only for an occurrence inside a window no longer than its period', () => {
    const review = (lastOccurred: string) =>
      finding('review', { status: 'PASS', recurrence: { lastOccurred, everyDays: 92 } });
    const windowStart = { windowStart: '2026-09-01' }; // 61 days before asOf
    const operating = (f: ReturnType<typeof review>, settings: { windowStart?: string }, on = asOf) =>
      readinessOf([f], ['security'], settings, on).operating.overall > 0;
    expect(operating(review('2026-10-15'), windowStart)).toBe(true);
    // Done before the window began: nothing shows it operating inside the window.
    expect(operating(review('2026-08-20'), windowStart)).toBe(false);
    // The window is longer than one period: one occurrence cannot cover it.
    expect(operating(review('2026-10-15'), { windowStart: '2026-05-01' })).toBe(false);
    // The window has not started: the control only has to be current.
    expect(operating(review('2026-09-15'), { windowStart: '2027-01-01' })).toBe(true);
    expect(operating(review('2026-06-01'), { windowStart: '2027-01-01' })).toBe(false);
  });

  it('reports a category per scope and leaves out categories not in scope', () => {
    const readiness = readinessOf(
      [finding('a', { criteria: ['A1.2'], status: 'PASS' })],
      ['security', 'availability'],
      {},
      asOf,
    );
    expect(Object.keys(readiness.design.categories).sort()).toEqual(['availability', 'security']);
    expect(readiness.design.categories.availability).toBeGreaterThan(0);
    expect(readinessOf([], ['security'], {}, asOf).design.categories.availability).toBeUndefined();
  });
});

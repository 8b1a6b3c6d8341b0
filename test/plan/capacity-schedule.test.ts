import { describe, expect, it } from 'vitest';
import { capacityFrom } from '../../source/plan/capacity.js';
import { phaseOf, scheduleHours } from '../../source/plan/schedule.js';

describe('capacityFrom', () => {
  it('takes the evidence work compliance staffing does not cover out of remediation time', () => {
    const capacity = capacityFrom({ remediationFte: 1.5, complianceFte: 0.2 });
    expect(capacity.evidenceLoadFte).toBe(0.3);
    expect(capacity.hoursPerWeek).toBe(48);
    expect(capacity.hoursIn90Days).toBe(617);
  });

  it('takes nothing out when compliance staffing reaches 0.5 FTE', () => {
    expect(capacityFrom({ remediationFte: 1, complianceFte: 0.5 }).hoursPerWeek).toBe(40);
  });

  it('says what it assumed when staffing is not answered', () => {
    const capacity = capacityFrom({});
    expect(capacity.remediationFte).toBe(1);
    expect(capacity.assumptions.join(' ')).toContain('staffing.remediation_fte');
  });

  it('never goes below zero', () => {
    expect(capacityFrom({ remediationFte: 0.2, complianceFte: 0 }).hoursPerWeek).toBe(0);
  });
});

describe('scheduleHours', () => {
  it('lays gaps end to end and reads the phase off the finishing day', () => {
    // 35 h a week = 5 h a day: 100 h finish on day 20, +100 on day 40, +200 on day 80, +100 on day 100.
    const slots = scheduleHours([100, 100, 200, 100], 35);
    expect(slots.map((s) => s.finishDay)).toEqual([20, 40, 80, 100]);
    expect(slots.map((s) => s.phase)).toEqual(['0-30', '31-60', '61-90', 'after-90']);
    expect(slots[1]!.startDay).toBe(20);
  });

  it('puts everything after 90 days when there is no capacity', () => {
    expect(scheduleHours([1], 0)).toEqual([{ startDay: null, finishDay: null, phase: 'after-90' }]);
  });

  it('maps phase boundaries inclusively', () => {
    expect([1, 30, 31, 60, 61, 90, 91].map(phaseOf)).toEqual([
      '0-30',
      '0-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      'after-90',
    ]);
  });
});

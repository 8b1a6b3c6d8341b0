import { describe, expect, it } from 'vitest';
import type { GapDraft } from '../../source/plan/gaps.js';
import { orderGaps, priorityOf } from '../../source/plan/order.js';
import { meta } from './fixtures.js';
import type { ControlMeta } from '../../source/model/check.js';

const draft = (id: string, effortHours: number, parts: Partial<ControlMeta> = {}): GapDraft => ({
  meta: meta(id, parts),
  source: 'check',
  resources: [],
  effortHours,
});

describe('orderGaps', () => {
  it('puts more severe gaps first and quick wins first within a severity', () => {
    const order = orderGaps([
      draft('low', 1, { severity: 'low' }),
      draft('crit-big', 20, { severity: 'critical' }),
      draft('crit-small', 2, { severity: 'critical' }),
      draft('high', 5, { severity: 'high' }),
    ]).map((d) => d.meta.id);
    expect(order).toEqual(['crit-small', 'crit-big', 'high', 'low']);
  });

  it('schedules a dependency before what depends on it, even when it is less severe', () => {
    const order = orderGaps([
      draft('retention', 2, { severity: 'critical', dependsOn: ['central-logging'] }),
      draft('other-high', 1, { severity: 'high' }),
      draft('central-logging', 10, { severity: 'medium' }),
    ]).map((d) => d.meta.id);
    expect(order).toEqual(['central-logging', 'retention', 'other-high']);
  });

  it('ignores dependencies on controls that are not gaps, and survives a cycle', () => {
    expect(orderGaps([draft('a', 1, { dependsOn: ['passing'] })])).toHaveLength(1);
    const cyclic = orderGaps([draft('a', 1, { dependsOn: ['b'] }), draft('b', 1, { dependsOn: ['a'] })]);
    expect(cyclic.map((d) => d.meta.id).sort()).toEqual(['a', 'b']);
  });
});

describe('priorityOf', () => {
  it('weighs severity first and breadth of criteria second', () => {
    expect(priorityOf(draft('a', 1, { severity: 'critical' }))).toBeGreaterThan(
      priorityOf(draft('b', 1, { severity: 'high', criteria: ['CC6.1', 'CC6.3', 'CC6.7'] })),
    );
    expect(priorityOf(draft('a', 1, { criteria: ['CC6.1', 'CC6.3'] }))).toBeGreaterThan(
      priorityOf(draft('b', 1)),
    );
  });
});

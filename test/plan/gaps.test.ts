import { describe, expect, it } from 'vitest';
import { collectGaps, effortHours } from '../../source/plan/gaps.js';
import { finding, meta } from './fixtures.js';

describe('effortHours', () => {
  it('adds hours per affected resource on top of the base, up to the cap', () => {
    const effort = { baseHours: 2, perResourceHours: 1.5, maxHours: 8 };
    expect(effortHours(effort, 1)).toBe(3.5);
    expect(effortHours(effort, 3)).toBe(6.5);
    expect(effortHours(effort, 40)).toBe(8);
  });
});

describe('collectGaps', () => {
  const catalog = new Map([['a', meta('a')]]);

  it('makes one gap per failing control listing each failing resource, and keeps passes out', () => {
    const findings = [
      finding('a', { resourceId: 'r1' }),
      finding('a', { resourceId: 'r2', region: 'eu-west-1' }),
      finding('a', { resourceId: 'r3', status: 'PASS' }),
    ];
    const { gaps, unassessed } = collectGaps(findings, catalog);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.resources.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(gaps[0]!.resources[1]!.region).toBe('eu-west-1');
    expect(gaps[0]!.effortHours).toBe(6);
    expect(unassessed).toEqual([]);
  });

  it('lists UNKNOWN resources as not yet assessed, never as passing or as gaps', () => {
    const { gaps, unassessed } = collectGaps(
      [finding('a', { status: 'UNKNOWN', reason: 'AccessDenied' })],
      catalog,
    );
    expect(gaps).toEqual([]);
    expect(unassessed).toMatchObject([{ id: 'a', resources: [{ reason: 'AccessDenied' }] }]);
  });

  it('still plans a failing control that is missing from the catalog', () => {
    const { gaps } = collectGaps([finding('orphan')], catalog);
    expect(gaps[0]!.meta.id).toBe('orphan');
  });
});

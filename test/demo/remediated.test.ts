import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { demoSnapshots } from '../../source/demo/estate.js';
import { remediatedEstate } from '../../source/demo/remediated.js';
import { evaluateChecks } from '../../source/evaluate/evaluate-checks.js';
import type { Finding } from '../../source/model/finding.js';

const asOf = new Date('2026-11-20T10:00:00Z');
const failing = (findings: Finding[]) =>
  new Set(findings.filter((f) => f.status === 'FAIL').map((f) => `${f.checkId} ${f.resourceId}`));

describe('the demo estate after remediation', () => {
  const before = demoSnapshots(asOf);
  const after = remediatedEstate(before);

  it('closes some gaps and opens exactly one new one, without touching the original', () => {
    const was = failing(evaluateChecks(before, ALL_CHECKS));
    const now = failing(evaluateChecks(after, ALL_CHECKS));
    const fixed = [...was].filter((k) => !now.has(k));
    const opened = [...now].filter((k) => !was.has(k));
    expect(fixed.length).toBeGreaterThanOrEqual(5);
    expect(fixed.some((k) => k.startsWith('aws-cloudtrail-log-file-validation'))).toBe(true);
    expect(fixed.some((k) => k.startsWith('azure-storage-secure-transfer'))).toBe(true);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^aws-s3-public-access-block /);
    expect(failing(evaluateChecks(demoSnapshots(asOf), ALL_CHECKS))).toEqual(was);
  });
});

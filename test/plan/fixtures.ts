import type { ControlMeta } from '../../source/model/check.js';
import type { Finding } from '../../source/model/finding.js';

export function meta(id: string, parts: Partial<ControlMeta> = {}): ControlMeta {
  return {
    id,
    title: `Control ${id}`,
    severity: 'medium',
    criteria: ['CC6.1'],
    risk: 'Something an auditor would flag.',
    remediation: { summary: 'Fix it.' },
    effort: { baseHours: 4, perResourceHours: 1, maxHours: 10 },
    owner: 'Cloud platform engineer',
    evidence: 'Proof over the window.',
    ...parts,
  };
}

export function finding(checkId: string, parts: Partial<Finding> = {}): Finding {
  return {
    checkId,
    source: 'check',
    status: 'FAIL',
    resourceId: `res-${checkId}`,
    criteria: ['CC6.1'],
    severity: 'medium',
    title: `Control ${checkId}`,
    reason: 'Because.',
    ...parts,
  };
}

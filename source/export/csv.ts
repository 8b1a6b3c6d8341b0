// The plan as CSV, one gap a row: opens in a spreadsheet and imports into Jira.

import type { Plan } from '../plan/types.js';

const COLUMNS = [
  'Priority',
  'Id',
  'Title',
  'Severity',
  'Criteria',
  'Source',
  'Owner',
  'Effort hours',
  'Phase',
  'Start day',
  'Finish day',
  'Depends on',
  'Affected count',
  'Affected resources',
  'Remediation',
  'Evidence',
] as const;

export function planToCsv(plan: Plan): string {
  const rows = plan.gaps.map((g, i) => [
    String(i + 1),
    g.id,
    g.title,
    g.severity,
    g.criteria.join(' '),
    g.source,
    g.owner,
    String(g.effortHours),
    g.phase,
    g.startDay === null ? '' : String(g.startDay),
    g.finishDay === null ? '' : String(g.finishDay),
    g.dependsOn.join(' '),
    String(g.resources.length),
    g.resources.map((r) => r.name ?? r.id).join('; '),
    g.remediation.summary,
    g.evidence,
  ]);
  return `${[COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180 quoting, and a leading quote on text a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

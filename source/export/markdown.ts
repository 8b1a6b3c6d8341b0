// The plan as Markdown: what a compliance lead pastes into a ticket, a wiki or an email to the CFO.

import { criterion } from '../model/criteria.js';
import { PHASES, type Gap, type Plan } from '../plan/types.js';
import { categoryTitle, hours, MAX_RESOURCES_LISTED, PHASE_TITLES } from './labels.js';

export function planToMarkdown(plan: Plan, about: { source: string }): string {
  return [
    '# SOC 2 Type II readiness plan',
    '',
    `Assessed ${plan.asOf} · ${about.source} · In scope: ${plan.categories.map(categoryTitle).join(', ')}`,
    '',
    ...readinessSection(plan),
    ...summarySection(plan),
    ...scheduleSection(plan),
    ...gapsSection(plan),
    ...unassessedSection(plan),
  ].join('\n');
}

function readinessSection(plan: Plan): string[] {
  const { design, operating, operatingBasis } = plan.readiness;
  const header = ['', 'Overall', ...plan.categories.map(categoryTitle)];
  const row = (label: string, figures: typeof design) => [
    label,
    `${figures.overall}%`,
    ...plan.categories.map((c) => `${figures.categories[c] ?? 0}%`),
  ];
  return [
    '## Readiness',
    '',
    table(header, [
      row('Design: in place today', design),
      row(`Operating evidence since ${operatingBasis.since}`, operating),
    ]),
    '',
    `${operatingBasis.explanation} Controls that could not be assessed count as not passing.`,
    design.notAssessed.length > 0
      ? `${design.notAssessed.length} criteria not yet assessed: ${design.notAssessed.join(', ')}.`
      : 'Every in-scope criterion has at least one assessed control.',
    '',
  ];
}

function summarySection(plan: Plan): string[] {
  const { capacity, reportDate, totals } = plan;
  const late = totals.byPhase['after-90'];
  const fit = plan.fitsIn90Days
    ? `Yes: all ${totals.gaps} gaps fit in 90 days at the team's capacity.`
    : `**No: ${late.gaps} gaps (${hours(late.effortHours)}) do not fit in 90 days at the team's capacity.** Add people, cut scope, or move the target date.`;
  const report = [
    reportDate.targetReportDate ? `target ${reportDate.targetReportDate}` : undefined,
    reportDate.earliestCredible ? `earliest credible ${reportDate.earliestCredible}` : undefined,
    reportDate.slipDays !== undefined && reportDate.slipDays > 0
      ? `**the target slips by ${reportDate.slipDays} days**`
      : undefined,
  ].filter(Boolean);
  return [
    '## Summary',
    '',
    `- **${totals.gaps} gaps, ${hours(totals.effortHours)} of remediation.**`,
    `- Capacity: ${capacity.remediationFte} FTE on remediation, ${capacity.complianceFte} FTE on compliance: ${hours(capacity.hoursPerWeek)} a week, ${hours(capacity.hoursIn90Days)} in 90 days.`,
    `- Fits in 90 days: ${fit}`,
    `- Type II report: ${report.length > 0 ? `${report.join(', ')}. ` : ''}${reportDate.explanation}`,
    `- Findings: ${plan.counts.FAIL} failing, ${plan.counts.UNKNOWN} not assessed, ${plan.counts.PASS} passing.`,
    ...capacity.assumptions.map((a) => `- Assumption: ${a}`),
    '',
  ];
}

function scheduleSection(plan: Plan): string[] {
  const rows = PHASES.map((phase) => {
    const { gaps, effortHours } = plan.totals.byPhase[phase];
    return [PHASE_TITLES[phase], String(gaps), hours(effortHours)];
  });
  return ['## 90-day schedule', '', table(['Phase', 'Gaps', 'Effort'], rows), ''];
}

function gapsSection(plan: Plan): string[] {
  if (plan.gaps.length === 0) return ['## Gaps', '', 'No failing controls.', ''];
  const overview = table(
    ['#', 'Gap', 'Severity', 'Criteria', 'Owner', 'Effort', 'Phase'],
    plan.gaps.map((g, i) => [
      String(i + 1),
      g.title,
      g.severity,
      g.criteria.join(', '),
      g.owner,
      hours(g.effortHours),
      g.phase,
    ]),
  );
  return [
    '## Gaps, in the order to work them',
    '',
    overview,
    '',
    ...plan.gaps.flatMap((g, i) => gapDetail(g, i + 1)),
  ];
}

function gapDetail(gap: Gap, n: number): string[] {
  const days =
    gap.finishDay === null ? 'not schedulable at current capacity' : `days ${gap.startDay}-${gap.finishDay}`;
  const listed = gap.resources.slice(0, MAX_RESOURCES_LISTED).map((r) => {
    const where = [r.region, r.scopeId].filter(Boolean).join(', ');
    return `  - \`${r.name ?? r.id}\`${where ? ` (${where})` : ''}: ${r.reason}`;
  });
  const more = gap.resources.length - listed.length;
  const snippet = gap.remediation.snippet;
  return [
    `### ${n}. ${gap.title}`,
    '',
    `\`${gap.id}\` · ${gap.severity} · ${gap.source === 'check' ? 'cloud check' : 'questionnaire'} · owner: ${gap.owner} · ${hours(gap.effortHours)} · phase ${gap.phase} (${days})`,
    '',
    `- **Criteria:** ${gap.criteria.map((id) => `${id} ${criterion(id).title}`).join('; ')}`,
    `- **Risk:** ${gap.risk}`,
    ...(gap.dependsOn.length > 0 ? [`- **After:** ${gap.dependsOn.map((d) => `\`${d}\``).join(', ')}`] : []),
    ...(gap.delaysReportByDays > 0
      ? [
          `- **Moves the earliest clean report by ${gap.delaysReportByDays} days** (fixed after the window starts).`,
        ]
      : []),
    `- **Affected (${gap.resources.length}):**`,
    ...listed,
    ...(more > 0 ? [`  - and ${more} more`] : []),
    `- **Fix:** ${gap.remediation.summary}`,
    ...(snippet
      ? ['', `\`\`\`${snippet.language === 'shell' ? 'sh' : snippet.language}`, snippet.code, '```', '']
      : []),
    `- **Evidence for the auditor:** ${gap.evidence}`,
    '',
  ];
}

function unassessedSection(plan: Plan): string[] {
  if (plan.unassessed.length === 0) return [];
  const rows = plan.unassessed.map((u) => [
    u.title,
    u.severity,
    u.criteria.join(', '),
    String(u.resources.length),
    u.resources[0]?.reason ?? '',
  ]);
  return [
    '## Not yet assessed',
    '',
    'These count as not passing until they are answered or can be read.',
    '',
    table(['Control', 'Severity', 'Criteria', 'Items', 'Why'], rows),
    '',
  ];
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

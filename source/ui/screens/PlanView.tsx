import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { criterion } from '../../model/criteria.js';
import { categoryTitle, hours } from '../../export/labels.js';
import type { Gap, Plan } from '../../plan/types.js';
import { Footer } from '../components/Footer.js';
import { Table, type Column } from '../components/Table.js';
import { useNavigation } from '../navigation.js';
import { SEVERITY_COLOR, scoreColor } from '../theme.js';
import { useAssessment } from '../use-assessment.js';
import { useListHeight } from '../use-height.js';
import { Waiting } from './Waiting.js';

// 80 columns in all: the marker, then each width plus a space.
const GAP_COLUMNS: Column<Gap & { n: number }>[] = [
  { title: '#', width: 3, align: 'right', render: (g) => String(g.n) },
  { title: 'Gap', width: 34, render: (g) => g.title },
  { title: 'Sev', width: 8, render: (g) => g.severity, color: (g) => SEVERITY_COLOR[g.severity] },
  { title: 'Owner', width: 14, render: (g) => g.owner },
  { title: 'Effort', width: 6, align: 'right', render: (g) => hours(g.effortHours) },
  {
    title: 'Phase',
    width: 8,
    render: (g) => g.phase,
    color: (g) => (g.phase === 'after-90' ? 'red' : undefined),
  },
];

export function PlanView() {
  const assessment = useAssessment();
  const nav = useNavigation();
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState<Gap | undefined>();
  const height = useListHeight(12);
  const gaps = assessment.status === 'ready' ? assessment.plan.gaps : [];

  useInput(
    (input, key) => {
      if (open) {
        if (key.escape || key.return) setOpen(undefined);
        return;
      }
      if (key.upArrow) setCursor((c) => Math.max(0, c - 1));
      else if (key.downArrow) setCursor((c) => Math.min(gaps.length - 1, c + 1));
      else if (key.pageDown) setCursor((c) => Math.min(gaps.length - 1, c + height));
      else if (key.pageUp) setCursor((c) => Math.max(0, c - height));
      else if (key.return && gaps[cursor]) setOpen(gaps[cursor]);
      else if (key.escape) nav.home();
      else if (input === 'e') nav.go('export', nav.state.guided);
      else if (input === 'r') nav.go('results');
    },
    { isActive: assessment.status === 'ready' },
  );

  if (assessment.status !== 'ready') return <Waiting state={assessment} what="plan" />;
  const { plan } = assessment;
  if (open) return <GapDetail gap={open} index={gaps.indexOf(open) + 1} />;

  return (
    <Box flexDirection="column">
      <PlanSummary plan={plan} />
      <Table
        columns={GAP_COLUMNS}
        rows={gaps.map((g, i) => ({ ...g, n: i + 1 }))}
        selected={cursor}
        height={height}
        empty="No gaps: every assessed control passes."
      />
      <Footer
        keys={[
          ['↑↓', 'move'],
          ['Enter', 'details'],
          ['e', 'export'],
          ['r', 'results'],
          ['Esc', 'home'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}

export function PlanSummary({ plan }: { plan: Plan }) {
  const { design, operating } = plan.readiness;
  const late = plan.totals.byPhase['after-90'];
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text wrap="truncate-end">
        Readiness: design <Text color={scoreColor(design.overall)}>{design.overall}%</Text> · operating
        evidence <Text color={scoreColor(operating.overall)}>{operating.overall}%</Text>
        <Text dimColor>
          {' '}
          ·{' '}
          {plan.categories
            .map(
              (c) =>
                `${categoryTitle(c).replace(' (Common Criteria)', '')} ${design.categories[c] ?? 0}/${operating.categories[c] ?? 0}%`,
            )
            .join(' · ')}
        </Text>
      </Text>
      <Text wrap="truncate-end">
        {plan.totals.gaps} gaps · {hours(plan.totals.effortHours)} · capacity{' '}
        {hours(plan.capacity.hoursPerWeek)}/week ·{' '}
        {plan.fitsIn90Days ? (
          <Text color="green">fits in 90 days</Text>
        ) : (
          <Text color="red">
            {late.gaps} gaps ({hours(late.effortHours)}) do not fit in 90 days
          </Text>
        )}
        {design.notAssessed.length > 0 ? (
          <Text color="yellow"> · {design.notAssessed.length} criteria not yet assessed</Text>
        ) : null}
      </Text>
      <Text wrap="truncate-end" dimColor={!plan.reportDate.slipDays}>
        Report:{' '}
        {plan.reportDate.earliestCredible
          ? `earliest credible ${plan.reportDate.earliestCredible}${plan.reportDate.targetReportDate ? `, target ${plan.reportDate.targetReportDate}` : ''}${
              plan.reportDate.slipDays && plan.reportDate.slipDays > 0
                ? ` (slips ${plan.reportDate.slipDays} days)`
                : ''
            }`
          : plan.reportDate.explanation}
      </Text>
    </Box>
  );
}

function GapDetail({ gap, index }: { gap: Gap; index: number }) {
  const shown = gap.resources.slice(0, 5);
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1}>
        <Text bold>
          {index}. {gap.title}
        </Text>
        <Text>
          <Text color={SEVERITY_COLOR[gap.severity]}>{gap.severity}</Text> · {gap.owner} ·{' '}
          {hours(gap.effortHours)} · phase {gap.phase}
          {gap.finishDay !== null ? ` (days ${gap.startDay}-${gap.finishDay})` : ''}
          {gap.delaysReportByDays > 0 ? (
            <Text color="red"> · moves the report {gap.delaysReportByDays} days</Text>
          ) : null}
        </Text>
        <Text dimColor wrap="truncate-end">
          {gap.criteria.map((id) => `${id} ${criterion(id).title}`).join('; ')}
        </Text>
        <Text>Risk: {gap.risk}</Text>
        <Text>Affected ({gap.resources.length}):</Text>
        {shown.map((r) => (
          <Text key={r.id} wrap="truncate-end">
            {'  '}
            {r.name ?? r.id}
            {r.region ? ` (${r.region})` : ''}: {r.reason}
          </Text>
        ))}
        {gap.resources.length > shown.length ? (
          <Text dimColor> and {gap.resources.length - shown.length} more (see the export)</Text>
        ) : null}
        <Text>Fix: {gap.remediation.summary}</Text>
        <Text dimColor>Evidence: {gap.evidence}</Text>
      </Box>
      <Footer
        keys={[
          ['Esc', 'back to the plan'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}

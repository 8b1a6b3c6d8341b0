import { Box, Text, useInput } from 'ink';
import { useMemo, useState } from 'react';
import type { Finding } from '../../model/finding.js';
import { categoryTitle } from '../../export/labels.js';
import { Footer } from '../components/Footer.js';
import { Table, type Column } from '../components/Table.js';
import { useNavigation } from '../navigation.js';
import {
  controlRows,
  countStatuses,
  criterionRows,
  filterFindings,
  SEVERITY_FILTERS,
  SOURCE_FILTERS,
  type ControlRow,
  type CriterionRow,
  type SeverityFilter,
  type SourceFilter,
} from '../results-model.js';
import { useSession } from '../session.js';
import { SEVERITY_COLOR, STATUS_COLOR } from '../theme.js';
import { useAssessment } from '../use-assessment.js';
import { useListHeight } from '../use-height.js';
import { Waiting } from './Waiting.js';

type Level =
  | { name: 'criteria' }
  | { name: 'controls'; criterion: CriterionRow }
  | { name: 'resources'; criterion: CriterionRow; control: ControlRow };

const counts = (c: { counts: Record<'FAIL' | 'UNKNOWN' | 'PASS', number> }) => c.counts;

const CRITERION_COLUMNS: Column<CriterionRow>[] = [
  { title: 'Criterion', width: 9, render: (r) => r.id },
  { title: 'What it asks', width: 44, render: (r) => r.title },
  {
    title: 'FAIL',
    width: 5,
    align: 'right',
    render: (r) => String(counts(r).FAIL),
    color: (r) => (r.counts.FAIL ? STATUS_COLOR.FAIL : undefined),
  },
  {
    title: 'UNKN',
    width: 5,
    align: 'right',
    render: (r) => String(counts(r).UNKNOWN),
    color: (r) => (r.counts.UNKNOWN ? STATUS_COLOR.UNKNOWN : undefined),
  },
  { title: 'PASS', width: 5, align: 'right', render: (r) => String(counts(r).PASS) },
];

const CONTROL_COLUMNS: Column<ControlRow>[] = [
  { title: 'Control', width: 46, render: (r) => r.title },
  { title: 'Severity', width: 8, render: (r) => r.severity, color: (r) => SEVERITY_COLOR[r.severity] },
  {
    title: 'FAIL',
    width: 5,
    align: 'right',
    render: (r) => String(r.counts.FAIL),
    color: (r) => (r.counts.FAIL ? STATUS_COLOR.FAIL : undefined),
  },
  { title: 'UNKN', width: 5, align: 'right', render: (r) => String(r.counts.UNKNOWN) },
  { title: 'PASS', width: 5, align: 'right', render: (r) => String(r.counts.PASS) },
];

const RESOURCE_COLUMNS: Column<Finding>[] = [
  { title: 'Status', width: 7, render: (f) => f.status, color: (f) => STATUS_COLOR[f.status] },
  { title: 'Resource', width: 28, render: (f) => f.resourceName ?? f.resourceId },
  { title: 'Where', width: 12, render: (f) => f.region ?? f.provider ?? 'answers' },
  { title: 'Reason', width: 24, render: (f) => f.reason },
];

export function Results() {
  const assessment = useAssessment();
  const { workspace } = useSession();
  const nav = useNavigation();
  const [level, setLevel] = useState<Level>({ name: 'criteria' });
  const [selected, setSelected] = useState<number[]>([0, 0, 0]);
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  const [source, setSource] = useState<SourceFilter>('all');
  const height = useListHeight(level.name === 'resources' ? 14 : 10);

  const findings = useMemo(
    () => (assessment.status === 'ready' ? filterFindings(assessment.findings, severity, source) : []),
    [assessment, severity, source],
  );
  const categories = useMemo(
    () => (assessment.status === 'ready' ? assessment.plan.categories : []),
    [assessment],
  );
  const criteria = useMemo(() => criterionRows(findings, categories), [findings, categories]);
  const controls = useMemo(
    () => (level.name === 'criteria' ? [] : controlRows(findings, level.criterion.id)),
    [findings, level],
  );
  const depth = level.name === 'criteria' ? 0 : level.name === 'controls' ? 1 : 2;
  const rowCount =
    depth === 0
      ? criteria.length
      : depth === 1
        ? controls.length
        : level.name === 'resources'
          ? level.control.findings.length
          : 0;
  const cursor = Math.min(selected[depth] ?? 0, Math.max(0, rowCount - 1));

  useInput(
    (input, key) => {
      const move = (delta: number) =>
        setSelected((s) =>
          s.map((v, i) => (i === depth ? Math.max(0, Math.min(rowCount - 1, cursor + delta)) : v)),
        );
      if (key.upArrow) move(-1);
      else if (key.downArrow) move(1);
      else if (key.pageDown) move(height);
      else if (key.pageUp) move(-height);
      else if (key.return) {
        if (level.name === 'criteria' && criteria[cursor])
          setLevel({ name: 'controls', criterion: criteria[cursor] });
        else if (level.name === 'controls' && controls[cursor])
          setLevel({ name: 'resources', criterion: level.criterion, control: controls[cursor] });
        setSelected((s) => s.map((v, i) => (i > depth ? 0 : v)));
      } else if (key.escape) {
        if (level.name === 'resources') setLevel({ name: 'controls', criterion: level.criterion });
        else if (level.name === 'controls') setLevel({ name: 'criteria' });
        else nav.home();
      } else if (input === 's') {
        setSeverity((f) => SEVERITY_FILTERS[(SEVERITY_FILTERS.indexOf(f) + 1) % SEVERITY_FILTERS.length]!);
        setLevel({ name: 'criteria' });
      } else if (input === 'p') {
        setSource((f) => SOURCE_FILTERS[(SOURCE_FILTERS.indexOf(f) + 1) % SOURCE_FILTERS.length]!);
        setLevel({ name: 'criteria' });
      } else if (input === 'n' && nav.state.guided) nav.next();
    },
    { isActive: assessment.status === 'ready' },
  );

  if (assessment.status !== 'ready') return <Waiting state={assessment} what="results" />;
  const total = countStatuses(findings);

  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1}>
        <Text>
          <Text color={STATUS_COLOR.FAIL}>{total.FAIL} failing</Text> ·{' '}
          <Text color={STATUS_COLOR.UNKNOWN}>{total.UNKNOWN} not assessed</Text> ·{' '}
          <Text color={STATUS_COLOR.PASS}>{total.PASS} passing</Text>
          <Text dimColor>
            {' '}
            · severity: {severity} · source: {source}
            {workspace.latestRun()?.source === 'demo' ? ' · demo estate' : ''}
          </Text>
        </Text>
        <Text bold>
          {level.name === 'criteria'
            ? `By criterion (${categories.map(categoryTitle).join(', ')})`
            : level.name === 'controls'
              ? `${level.criterion.id} ${level.criterion.title}`
              : `${level.control.title} (${level.control.id})`}
        </Text>
      </Box>
      {level.name === 'criteria' ? (
        <Table
          columns={CRITERION_COLUMNS}
          rows={criteria}
          selected={cursor}
          height={height}
          empty="Nothing matches these filters."
        />
      ) : level.name === 'controls' ? (
        <Table columns={CONTROL_COLUMNS} rows={controls} selected={cursor} height={height} />
      ) : (
        <Box flexDirection="column">
          <Table columns={RESOURCE_COLUMNS} rows={level.control.findings} selected={cursor} height={height} />
          <Box paddingX={1} borderStyle="round" borderColor="gray">
            <Text wrap="wrap">{level.control.findings[cursor]?.reason ?? ''}</Text>
          </Box>
        </Box>
      )}
      <Footer
        keys={[
          ['↑↓', 'move'],
          ['Enter', 'open'],
          ['Esc', level.name === 'criteria' ? 'home' : 'up'],
          ['s', 'severity'],
          ['p', 'provider'],
          ...(nav.state.guided ? [['n', 'plan'] as const] : []),
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}

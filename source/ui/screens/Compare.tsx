import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { diffLatestRuns, type RunDiff } from '../../app/diff.js';
import { readinessTrend, trendLine } from '../../app/trend.js';
import { signed } from '../../export/labels.js';
import type { Finding } from '../../model/finding.js';
import type { Workspace } from '../../store/workspace.js';
import { InputError } from '../../util/errors.js';
import { Footer } from '../components/Footer.js';
import { Table, type Column } from '../components/Table.js';
import { useNavigation } from '../navigation.js';
import { useSession } from '../session.js';
import { STATUS_COLOR } from '../theme.js';
import { useListHeight } from '../use-height.js';

type Tab = 'fixed' | 'new' | 'stillOpen';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'fixed', label: 'Fixed' },
  { id: 'new', label: 'New' },
  { id: 'stillOpen', label: 'Still open' },
];

const COLUMNS: Column<Finding & { regressed?: boolean }>[] = [
  { title: 'Control', width: 38, render: (f) => `${f.regressed ? '↺ ' : ''}${f.title}` },
  { title: 'Resource', width: 26, render: (f) => f.resourceName ?? f.resourceId },
  { title: 'Now', width: 7, render: (f) => f.status, color: (f) => STATUS_COLOR[f.status] },
];

export function Compare() {
  const { workspace } = useSession();
  const nav = useNavigation();
  const [diff, setDiff] = useState<RunDiff | string | undefined>();
  const [tab, setTab] = useState<Tab>('fixed');
  const [cursor, setCursor] = useState(0);
  const height = useListHeight(13);
  const trend = readinessTrend(workspace.runs);

  useEffect(() => {
    let live = true;
    loadDiff(workspace).then((result) => live && setDiff(result));
    return () => {
      live = false;
    };
  }, [workspace]);

  const rows = typeof diff === 'object' ? diff[tab] : [];
  useInput((_input, key) => {
    if (key.escape) nav.home();
    else if (key.tab || key.rightArrow || key.leftArrow) {
      const step = key.leftArrow ? TABS.length - 1 : 1;
      setTab((t) => TABS[(TABS.findIndex((x) => x.id === t) + step) % TABS.length]!.id);
      setCursor(0);
    } else if (key.upArrow) setCursor((c) => Math.max(0, c - 1));
    else if (key.downArrow) setCursor((c) => Math.min(rows.length - 1, c + 1));
  });

  if (typeof diff !== 'object') {
    return (
      <Box flexDirection="column">
        <Box paddingX={1}>
          <Text>{diff ?? 'Loading the two runs…'}</Text>
        </Box>
        <Footer
          keys={[
            ['Esc', 'home'],
            ['q', 'quit'],
          ]}
        />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1}>
        <Text>
          {diff.from.at.slice(0, 10)} → {diff.to.at.slice(0, 10)} · design {diff.to.readiness.design}% (
          <Text color={diff.scoreChange.design >= 0 ? 'green' : 'red'}>
            {signed(diff.scoreChange.design)}
          </Text>
          ) · operating {diff.to.readiness.operating}% (
          <Text color={diff.scoreChange.operating >= 0 ? 'green' : 'red'}>
            {signed(diff.scoreChange.operating)}
          </Text>
          )
        </Text>
        <Text dimColor>
          Over {trend.length} runs: {trendLine(trend, 'design')} · {trendLine(trend, 'operating')}
        </Text>
        <Text>
          {TABS.map((t) => (
            <Text key={t.id} inverse={t.id === tab}>
              {' '}
              {t.label} {diff[t.id].length}{' '}
            </Text>
          ))}
          {diff.new.some((f) => f.regressed) ? (
            <Text color="red"> ↺ {diff.new.filter((f) => f.regressed).length} regressed</Text>
          ) : null}
          {diff.newlyUnknown.length > 0 ? (
            <Text color="yellow"> · {diff.newlyUnknown.length} newly not assessable</Text>
          ) : null}
        </Text>
      </Box>
      <Table columns={COLUMNS} rows={rows} selected={cursor} height={height} empty="Nothing here." />
      <Footer
        keys={[
          ['Tab ←→', 'fixed / new / still open'],
          ['↑↓', 'move'],
          ['Esc', 'home'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}

async function loadDiff(workspace: Workspace): Promise<RunDiff | string> {
  try {
    return (
      (await diffLatestRuns(workspace)) ??
      'Compare needs two runs: re-run the checks after remediation first.'
    );
  } catch (error) {
    return error instanceof InputError ? error.describe() : String(error);
  }
}

// Finished scan lines, printed once above the live screen with Ink's <Static>. The <Static> lives in
// the app for its whole life: Ink 6 keeps a pointer to the first static node it saw, and unmounting
// it with a screen crashes the next render (yoga "memory access out of bounds").

import { Box, Static, Text, useStdout } from 'ink';
import { createContext, useContext } from 'react';
import type { ScanProgress } from '../app/scan.js';
import { STATUS_COLOR } from './theme.js';

export const ScanLogContext = createContext<(line: ScanProgress) => void>(() => {});

export function useScanLog(): (line: ScanProgress) => void {
  return useContext(ScanLogContext);
}

export function ScanLog({ lines }: { lines: readonly ScanProgress[] }) {
  return (
    // A set width: without it the absolutely positioned <Static> sizes to its content, so long lines
    // would neither shrink nor truncate.
    <Static items={lines.map((line, key) => ({ line, key }))} style={{ width: '100%' }}>
      {({ line, key }) => <ProgressLine key={key} line={line} />}
    </Static>
  );
}

/** What a line needs besides the account name: padding, mark, service, region and counts. */
const LINE_WITHOUT_SCOPE = 59;

function ProgressLine({ line }: { line: ScanProgress }) {
  const { stdout } = useStdout();
  // The same width on every line keeps the columns aligned across accounts.
  const scopeWidth = Math.min(32, Math.max(12, (stdout.columns || 80) - LINE_WITHOUT_SCOPE));
  const mark = line.errors.length > 0 ? '!' : '✓';
  // The counts never shrink; a long account or subscription name gives way (Azure ids are 36 wide).
  return (
    <Box flexDirection="column" paddingX={1}>
      <Box>
        <Box flexShrink={0} marginRight={1}>
          <Text color={line.errors.length > 0 ? 'yellow' : 'green'}>{mark}</Text>
        </Box>
        <Box width={scopeWidth} flexShrink={1}>
          <Text wrap="truncate-middle">
            {line.provider === 'aws' ? 'AWS' : 'Azure'} {line.scope}
          </Text>
        </Box>
        <Box flexShrink={0}>
          <Text>
            {' '}
            · {line.service.padEnd(13)} {(line.region ?? 'global').padEnd(12)}{' '}
            <Text color={STATUS_COLOR.FAIL}>{line.counts.FAIL} fail</Text>{' '}
            <Text color={STATUS_COLOR.UNKNOWN}>{line.counts.UNKNOWN} unknown</Text>{' '}
            <Text color={STATUS_COLOR.PASS}>{line.counts.PASS} pass</Text>
          </Text>
        </Box>
      </Box>
      {line.errors.map((error, i) => (
        <Box key={i} paddingLeft={4}>
          <Text color="yellow">
            {error.operation}
            {error.region ? ` in ${error.region}` : ''}: {error.kind}
            {error.permission ? ` (missing ${error.permission})` : ''}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

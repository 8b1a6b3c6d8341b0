// A small table from Box and Text: ink-table 3.1 cannot load with ink 6 (it require()s ink, whose ESM
// graph has a top-level await), so the product carries its own. Fixed column widths, truncation,
// an optional highlighted row, and a window of rows that follows the highlight.

import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface Column<Row> {
  title: string;
  width: number;
  align?: 'left' | 'right';
  render: (row: Row) => string;
  color?: (row: Row) => string | undefined;
}

export interface TableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  selected?: number;
  /** How many rows fit; the window scrolls to keep the selected row in view. */
  height?: number;
  empty?: ReactNode;
}

export function Table<Row>({ columns, rows, selected, height = rows.length, empty }: TableProps<Row>) {
  const start = windowStart(rows.length, height, selected ?? 0);
  const visible = rows.slice(start, start + height);
  return (
    <Box flexDirection="column">
      <Box>
        <Text> </Text>
        {columns.map((column) => (
          <Box key={column.title} width={column.width} marginRight={1}>
            <Text bold wrap="truncate-end">
              {pad(column.title, column)}
            </Text>
          </Box>
        ))}
      </Box>
      {rows.length === 0 && empty ? (
        <Box paddingLeft={1}>{typeof empty === 'string' ? <Text dimColor>{empty}</Text> : empty}</Box>
      ) : null}
      {visible.map((row, i) => {
        const isSelected = selected === start + i;
        return (
          <Box key={start + i}>
            <Text color="cyan">{isSelected ? '›' : ' '}</Text>
            {columns.map((column) => (
              <Box key={column.title} width={column.width} marginRight={1}>
                <Text wrap="truncate-end" inverse={isSelected} color={column.color?.(row)}>
                  {pad(column.render(row), column)}
                </Text>
              </Box>
            ))}
          </Box>
        );
      })}
      {rows.length > height ? (
        <Text dimColor>
          {' '}
          {start + 1}-{Math.min(start + height, rows.length)} of {rows.length}
        </Text>
      ) : null}
    </Box>
  );
}

/** First row of the window so that `selected` stays visible, centred where possible. */
export function windowStart(total: number, height: number, selected: number): number {
  if (total <= height) return 0;
  const centred = selected - Math.floor(height / 2);
  return Math.max(0, Math.min(centred, total - height));
}

function pad<Row>(text: string, column: Column<Row>): string {
  const clipped = text.length > column.width ? `${text.slice(0, Math.max(0, column.width - 1))}…` : text;
  return column.align === 'right' ? clipped.padStart(column.width) : clipped;
}

import { useStdout } from 'ink';

/** Rows left for a list after the screen's own lines (header, summary, footer). */
export function useListHeight(chromeRows: number, minimum = 3): number {
  const { stdout } = useStdout();
  return Math.max(minimum, (stdout.rows || 24) - chromeRows);
}

import { Box, Text } from 'ink';
import { ACCENT } from '../theme.js';

export function Header({ title, detail }: { title: string; detail?: string }) {
  return (
    <Box paddingX={1} justifyContent="space-between">
      <Text>
        <Text bold color={ACCENT}>
          soc2-ready
        </Text>
        <Text dimColor> › </Text>
        <Text bold>{title}</Text>
      </Text>
      {detail ? (
        <Text dimColor wrap="truncate-start">
          {detail}
        </Text>
      ) : null}
    </Box>
  );
}

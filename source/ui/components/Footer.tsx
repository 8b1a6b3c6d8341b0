import { Box, Text } from 'ink';

/** The keys a screen takes, always at the bottom: `[key, what it does]`. */
export function Footer({ keys }: { keys: readonly (readonly [string, string])[] }) {
  return (
    <Box
      borderStyle="single"
      borderTop
      borderBottom={false}
      borderLeft={false}
      borderRight={false}
      paddingX={1}
    >
      <Text wrap="truncate-end">
        {keys.map(([key, action], i) => (
          <Text key={key}>
            {i > 0 ? <Text dimColor> · </Text> : null}
            <Text bold>{key}</Text> {action}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

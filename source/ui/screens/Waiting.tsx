import { Box, Text } from 'ink';
import { Footer } from '../components/Footer.js';
import { Spinner } from '../components/Spinner.js';
import { useNavigation } from '../navigation.js';
import type { AssessmentState } from '../use-assessment.js';
import { useEscape } from '../use-escape.js';

/** What a screen that needs a run shows while loading, before any run, or when the run cannot be read. */
export function Waiting({
  state,
  what,
}: {
  state: Exclude<AssessmentState, { status: 'ready' }>;
  what: string;
}) {
  const nav = useNavigation();
  useEscape(nav.home);
  return (
    <Box flexDirection="column">
      <Box paddingX={1} flexDirection="column">
        {state.status === 'loading' ? (
          <Text>
            <Spinner /> Loading the {what}…
          </Text>
        ) : state.status === 'no-run' ? (
          <Text>No run yet: start a new assessment from home to see the {what}.</Text>
        ) : (
          <Text color="red">
            Could not load the {what}: {state.message}
          </Text>
        )}
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

import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { runSource } from '../../app/assess.js';
import { countAnswered, visibleQuestions } from '../../questionnaire/visibility.js';
import { Footer } from '../components/Footer.js';
import { Select } from '../components/Select.js';
import { useNavigation, type ScreenName } from '../navigation.js';
import { useSession } from '../session.js';
import { scoreColor } from '../theme.js';

type Choice = { screen: ScreenName; guided?: boolean } | 'quit';

export function Home({ onQuit }: { onQuit: () => void }) {
  const session = useSession();
  const nav = useNavigation();
  const { workspace, content } = session;
  const latest = workspace.latestRun();
  const previous = workspace.previousRun();
  const progress = useMemo(() => {
    const questions = visibleQuestions(content.questionnaires, workspace.answers);
    return { answered: countAnswered(questions, workspace.answers), total: questions.length };
    // Answers change through the workspace; dataVersion says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [content, workspace, nav.state.dataVersion]);

  const items: { label: string; value: Choice }[] = [
    { label: 'Start a new assessment', value: { screen: 'scope', guided: true } },
  ];
  if (progress.answered > 0 && progress.answered < progress.total) {
    items.push({
      label: `Resume the questionnaire (${progress.answered} of ${progress.total} answered)`,
      value: { screen: 'questionnaire' },
    });
  } else {
    items.push({ label: 'Answer the questionnaire', value: { screen: 'questionnaire' } });
  }
  if (latest) {
    items.push(
      { label: 'Re-run checks after remediation', value: { screen: 'scan' } },
      { label: 'View results', value: { screen: 'results' } },
      { label: 'View the latest plan', value: { screen: 'plan' } },
    );
    if (previous) items.push({ label: 'Compare with the previous run', value: { screen: 'compare' } });
    items.push({ label: 'Export the plan', value: { screen: 'export' } });
  }
  items.push({ label: 'Quit', value: 'quit' });

  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1} marginBottom={1}>
        <Text>How far you are from a clean SOC 2 Type II report, and what to do about it.</Text>
        <Text dimColor>Workspace: {workspace.dir}</Text>
        {latest ? (
          <Text>
            Last run: {latest.startedAt.slice(0, 16).replace('T', ' ')}
            {` (${runSource(latest)})`}
            {latest.partial ? ' (partial)' : ''} · readiness: design{' '}
            <Text color={scoreColor(latest.readiness.design)}>{latest.readiness.design}%</Text>, operating
            evidence <Text color={scoreColor(latest.readiness.operating)}>{latest.readiness.operating}%</Text>
          </Text>
        ) : (
          <Text>No run yet: start a new assessment.</Text>
        )}
        <Text>
          Questionnaire: {progress.answered} of {progress.total} answered
        </Text>
      </Box>
      <Box paddingX={1}>
        <Select
          items={items.map((item) => ({ label: item.label, value: item.value, key: item.label }))}
          onSelect={(choice) => (choice === 'quit' ? onQuit() : nav.go(choice.screen, choice.guided))}
        />
      </Box>
      <Footer
        keys={[
          ['↑↓', 'move'],
          ['Enter', 'choose'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}

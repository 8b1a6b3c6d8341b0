import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Box, Text } from 'ink';
import { useState } from 'react';
import { runLabel } from '../../app/assess.js';
import { FORMAT_INFO, PLAN_FORMATS, renderPlan, type PlanFormat } from '../../export/render.js';
import { Footer } from '../components/Footer.js';
import { Select } from '../components/Select.js';
import { TextInput } from '../components/TextInput.js';
import { useNavigation } from '../navigation.js';
import { useSession } from '../session.js';
import { useAssessment } from '../use-assessment.js';
import { useEscape } from '../use-escape.js';
import { Waiting } from './Waiting.js';

type Step =
  | { name: 'format' }
  | { name: 'path'; format: PlanFormat }
  | { name: 'written'; file: string }
  | { name: 'failed'; format: PlanFormat; message: string };

export function Export() {
  const assessment = useAssessment();
  const session = useSession();
  const nav = useNavigation();
  const [step, setStep] = useState<Step>({ name: 'format' });
  const [path, setPath] = useState('');
  useEscape(
    () => (step.name === 'path' ? setStep({ name: 'format' }) : nav.home()),
    assessment.status === 'ready',
  );

  if (assessment.status !== 'ready') return <Waiting state={assessment} what="plan to export" />;

  const write = async (format: PlanFormat, target: string) => {
    const file = resolve(session.cwd, target.trim());
    try {
      await writeFile(
        file,
        renderPlan(assessment.plan, format, {
          source: runLabel(assessment.run),
          generatedAt: session.now(),
          organisation: session.workspace.key,
        }),
      );
      setStep({ name: 'written', file });
    } catch (error) {
      setStep({
        name: 'failed',
        format,
        message: `${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      });
    }
  };

  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1}>
        {step.name === 'format' ? (
          <>
            <Text bold>Export the plan ({assessment.plan.totals.gaps} gaps)</Text>
            <Select
              items={PLAN_FORMATS.map((format) => ({
                label: FORMAT_INFO[format].label,
                value: format,
                key: format,
              }))}
              onSelect={(format) => {
                setPath(FORMAT_INFO[format].file);
                setStep({ name: 'path', format });
              }}
            />
          </>
        ) : null}
        {step.name === 'path' ? (
          <>
            <Text bold>Where should it go? (relative to {session.cwd})</Text>
            <TextInput
              value={path}
              onChange={setPath}
              onSubmit={(v) => v.trim() && void write(step.format, v)}
            />
          </>
        ) : null}
        {step.name === 'written' ? (
          <>
            <Text color="green">Written: {step.file}</Text>
            <Select
              items={[
                { label: 'Export another format', value: 'again' as const },
                { label: 'Back to home', value: 'home' as const },
              ]}
              onSelect={(v) => (v === 'again' ? setStep({ name: 'format' }) : nav.home())}
            />
          </>
        ) : null}
        {step.name === 'failed' ? (
          <>
            <Text color="red">Could not write {step.message}</Text>
            <Select
              items={[{ label: 'Try another path', value: 'again' as const }]}
              onSelect={() => setStep({ name: 'path', format: step.format })}
            />
          </>
        ) : null}
      </Box>
      <Footer
        keys={
          step.name === 'path'
            ? [
                ['Enter', 'write'],
                ['Esc', 'formats'],
                ['Ctrl-C', 'quit'],
              ]
            : [
                ['↑↓', 'move'],
                ['Enter', 'choose'],
                ['Esc', 'home'],
                ['q', 'quit'],
              ]
        }
      />
    </Box>
  );
}

import { Box, Text, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { criterion } from '../../model/criteria.js';
import type { AnswerValue, Answers, ListItem, Question } from '../../questionnaire/types.js';
import { labelOf, validateAnswer } from '../../questionnaire/values.js';
import { countAnswered, visibleQuestions } from '../../questionnaire/visibility.js';
import { AnswerInput } from '../components/AnswerInput.js';
import { Footer } from '../components/Footer.js';
import { ListEditor } from '../components/ListEditor.js';
import { Select } from '../components/Select.js';
import { useNavigation } from '../navigation.js';
import { startIndex } from '../questionnaire-input.js';
import { useSession } from '../session.js';
import { ACCENT } from '../theme.js';

export function Questionnaire() {
  const { workspace, content } = useSession();
  const nav = useNavigation();
  const [answers, setAnswers] = useState<Answers>(() => ({ ...workspace.answers }));
  const questions = useMemo(() => visibleQuestions(content.questionnaires, answers), [content, answers]);
  const [currentId, setCurrentId] = useState<string | undefined>(
    () => questions[startIndex(questions, answers, workspace.data.answers.resumeAt)]?.id,
  );
  const [finished, setFinished] = useState(questions.length === 0);
  const [showHelp, setShowHelp] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [editingList, setEditingList] = useState(false);

  const index = Math.max(
    0,
    questions.findIndex((q) => q.id === currentId),
  );
  const question = questions[index];

  const moveTo = (target: Question | undefined) => {
    setError(undefined);
    setShowHelp(false);
    if (!target) {
      setFinished(true);
      void workspace.setResumeAt(undefined);
      return;
    }
    setCurrentId(target.id);
    void workspace.setResumeAt(target.id);
  };

  const submit = async (value: AnswerValue) => {
    if (!question) return;
    const problem = validateAnswer(question, value);
    if (problem) return setError(problem);
    const next = { ...answers, [question.id]: value };
    const order = visibleQuestions(content.questionnaires, next);
    const following = order[order.findIndex((q) => q.id === question.id) + 1];
    // Saved before moving on: quitting now resumes at the next question with this answer kept.
    await workspace.saveAnswer(question.id, value, following?.id ?? question.id);
    setAnswers(next);
    nav.changed();
    moveTo(following);
  };

  /** List answers are saved entry by entry, staying on the question. */
  const saveList = async (items: ListItem[]) => {
    if (!question) return;
    await workspace.saveAnswer(question.id, items, question.id);
    setAnswers((a) => ({ ...a, [question.id]: items }));
    nav.changed();
  };

  useInput(
    (input, key) => {
      if (finished) {
        if (key.escape) {
          setFinished(false);
          moveTo(questions.at(-1));
        }
        return;
      }
      if (key.escape) {
        if (index === 0) return nav.home();
        return moveTo(questions[index - 1]);
      }
      if (key.tab) return moveTo(questions[index + 1]);
      if (
        input === '?' &&
        question &&
        (question.type === 'yesno' || question.type === 'choice' || question.type === 'list')
      )
        setShowHelp((h) => !h);
    },
    { isActive: !editingList },
  );

  if (finished || !question) {
    const answered = countAnswered(questions, answers);
    return (
      <Box flexDirection="column">
        <Box flexDirection="column" paddingX={1}>
          <Text bold>Questionnaire done for now</Text>
          <Text>
            {answered} of {questions.length} questions answered. Unanswered questions count as not assessed,
            never as passing; come back any time.
          </Text>
          <Box marginTop={1}>
            <Select
              items={[
                {
                  label: nav.state.guided ? 'Continue to the results' : 'Back to home',
                  value: 'next' as const,
                },
                { label: 'Review the answers from the start', value: 'start' as const },
              ]}
              onSelect={(choice) => {
                if (choice === 'next') return nav.next();
                setFinished(false);
                moveTo(questions[0]);
              }}
            />
          </Box>
        </Box>
        <Footer
          keys={[
            ['Enter', 'choose'],
            ['Esc', 'last question'],
            ['q', 'quit'],
          ]}
        />
      </Box>
    );
  }

  const section = content.questionnaires.find((s) => s.id === question.section)!;
  const sectionQuestions = questions.filter((q) => q.section === question.section);
  const sectionIndex = content.questionnaires.indexOf(section);
  const current = answers[question.id];
  const answeredCount = countAnswered(questions, answers);

  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1}>
        <Text>
          <Text bold color={ACCENT}>
            {section.title}
          </Text>
          <Text dimColor>
            {' '}
            · question {sectionQuestions.indexOf(question) + 1} of {sectionQuestions.length} · section{' '}
            {sectionIndex + 1} of {content.questionnaires.length} · {answeredCount}/{questions.length}{' '}
            answered
          </Text>
        </Text>
        <Text dimColor wrap="truncate-end">
          Serves {question.criteria.map((id) => `${id} ${criterion(id).title}`).join('; ')}
        </Text>
        <Box marginTop={1} flexDirection="column">
          <Text bold>{question.text}</Text>
          {showHelp ? (
            <Box borderStyle="round" borderColor="gray" paddingX={1}>
              <Text>{question.help}</Text>
            </Box>
          ) : null}
          {current !== undefined && question.type !== 'list' ? (
            <Text dimColor>Saved answer: {labelOf(question, current)}</Text>
          ) : null}
        </Box>
        <Box marginTop={1} flexDirection="column">
          {question.type === 'list' ? (
            <ListEditor
              key={question.id}
              question={question}
              items={Array.isArray(current) ? current : []}
              onChange={saveList}
              onDone={(items) => void submit(items)}
              onUnknown={() => void submit('unknown')}
              onEditing={setEditingList}
              onHelp={() => setShowHelp((h) => !h)}
            />
          ) : (
            <AnswerInput
              key={question.id}
              spec={{ ...question, type: question.type }}
              {...(current !== undefined && !Array.isArray(current) ? { current } : {})}
              onSubmit={(value) => void submit(value)}
              onHelp={() => setShowHelp((h) => !h)}
            />
          )}
        </Box>
        {error ? <Text color="red">{error}</Text> : null}
      </Box>
      <Footer
        keys={
          editingList
            ? [
                ['Enter', 'answer'],
                ['Esc', 'drop this entry'],
                ['Ctrl-C', 'quit'],
              ]
            : [
                ['Enter', 'answer'],
                ['Esc', 'back'],
                ['Tab', 'skip'],
                ['?', 'help'],
                question.type === 'yesno' || question.type === 'choice' || question.type === 'list'
                  ? ['q', 'quit']
                  : ['Ctrl-C', 'quit'],
              ]
        }
      />
    </Box>
  );
}

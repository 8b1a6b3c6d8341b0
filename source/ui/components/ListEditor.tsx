// A list answer (vendors, say), built one entry at a time: each entry's fields are asked in turn,
// skipping those its earlier answers hide, and the list is saved after every added or removed entry.

import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import type { Field, ListItem, Question, ScalarValue } from '../../questionnaire/types.js';
import { itemProblems, labelOf, validateField } from '../../questionnaire/values.js';
import { isFieldVisible } from '../../questionnaire/visibility.js';
import { AnswerInput } from './AnswerInput.js';
import { Select } from './Select.js';

export interface ListEditorProps {
  question: Question;
  items: ListItem[];
  onChange: (items: ListItem[]) => void | Promise<void>;
  onDone: (items: ListItem[]) => void;
  onUnknown: () => void;
  onEditing: (editing: boolean) => void;
  onHelp: () => void;
}

type Mode = { name: 'menu' } | { name: 'adding'; entry: ListItem; field: number };

export function ListEditor({
  question,
  items,
  onChange,
  onDone,
  onUnknown,
  onEditing,
  onHelp,
}: ListEditorProps) {
  const fields = question.item ?? [];
  const [mode, setMode] = useState<Mode>({ name: 'menu' });
  const [error, setError] = useState<string | undefined>();
  useEffect(() => onEditing(mode.name === 'adding'), [mode.name, onEditing]);

  useInput(
    (_input, key) => {
      if (key.escape) {
        setError(undefined);
        setMode({ name: 'menu' });
      }
    },
    { isActive: mode.name === 'adding' },
  );

  if (mode.name === 'adding') {
    const field = fields[mode.field]!;
    const answerField = (value: ScalarValue) => {
      const problem = validateField(field, value);
      if (problem) return setError(problem);
      setError(undefined);
      const entry = { ...mode.entry, [field.id]: value };
      const next = nextOpenField(fields, entry, mode.field + 1);
      if (next !== undefined) return setMode({ name: 'adding', entry, field: next });
      const problems = itemProblems(question, entry, items.length, [...items, entry]);
      if (problems.length > 0) {
        setError(problems.map((p) => p.message).join(' '));
        const at = fields.findIndex((f) => f.id === problems[0]!.field);
        return setMode({ name: 'adding', entry, field: at >= 0 ? at : 0 });
      }
      const updated = [...items, entry];
      void onChange(updated);
      setMode({ name: 'menu' });
    };
    return (
      <Box flexDirection="column">
        <Text dimColor>
          Entry {items.length + 1}
          {mode.entry[fields[0]?.id ?? ''] !== undefined ? `: ${String(mode.entry[fields[0]!.id])}` : ''}
        </Text>
        <Text>{field.text}</Text>
        {field.help ? <Text dimColor>{field.help}</Text> : null}
        <AnswerInput
          key={`${items.length}-${field.id}`}
          spec={field}
          {...(mode.entry[field.id] !== undefined ? { current: mode.entry[field.id] } : {})}
          onSubmit={answerField}
          onHelp={onHelp}
        />
        {error ? <Text color="red">{error}</Text> : null}
        <Text dimColor>Esc drops this entry.</Text>
      </Box>
    );
  }

  const first = nextOpenField(fields, {}, 0) ?? 0;
  const menu = [
    { label: items.length === 0 ? 'Add the first entry' : 'Add another entry', value: 'add' as const },
    ...(items.length > 0
      ? [{ label: `Remove the last entry (${entryName(fields, items.at(-1)!)})`, value: 'remove' as const }]
      : []),
    {
      label:
        items.length === 0
          ? 'None to list: save an empty list'
          : `Done: save ${items.length} ${items.length === 1 ? 'entry' : 'entries'} and go on`,
      value: 'done' as const,
    },
    { label: "I don't know", value: 'unknown' as const },
  ];
  return (
    <Box flexDirection="column">
      {items.length === 0 ? <Text dimColor>No entries yet.</Text> : null}
      {items.map((item, i) => (
        <Text key={i} wrap="truncate-end">
          {i + 1}. {describeEntry(fields, item)}
        </Text>
      ))}
      <Box marginTop={1}>
        <Select
          items={menu}
          onSelect={(choice) => {
            if (choice === 'add') setMode({ name: 'adding', entry: {}, field: first });
            else if (choice === 'remove') void onChange(items.slice(0, -1));
            else if (choice === 'done') onDone(items);
            else onUnknown();
          }}
        />
      </Box>
    </Box>
  );
}

/** The next field to ask: shown for this entry and not answered yet (a corrected field keeps the rest). */
function nextOpenField(fields: readonly Field[], entry: ListItem, from: number): number | undefined {
  for (let i = from; i < fields.length; i++)
    if (isFieldVisible(fields[i]!, entry) && entry[fields[i]!.id] === undefined) return i;
  return undefined;
}

function entryName(fields: readonly Field[], item: ListItem): string {
  return String(item[fields[0]?.id ?? ''] ?? '?');
}

function describeEntry(fields: readonly Field[], item: ListItem): string {
  const [nameField, ...rest] = fields;
  const details = rest
    .filter((f) => item[f.id] !== undefined)
    .map((f) => `${f.id.replace(/_/g, ' ')}: ${labelOf(f, item[f.id])}`);
  return [nameField ? String(item[nameField.id]) : '', ...details].join(' · ');
}

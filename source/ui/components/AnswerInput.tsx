// One answer: a pick list for yes/no and choices, a text field for numbers, dates and text. Used for
// questions and for the fields of a list entry alike.

import { Box, Text } from 'ink';
import { useState } from 'react';
import { choicesFor } from '../../questionnaire/values.js';
import type { FieldType, InputSpec, ScalarValue } from '../../questionnaire/types.js';
import { inputHint, valueFromText } from '../questionnaire-input.js';
import { Select } from './Select.js';
import { TextInput } from './TextInput.js';

export interface AnswerInputProps {
  spec: InputSpec & { type: FieldType };
  current?: ScalarValue;
  onSubmit: (value: ScalarValue) => void;
  /** `?` in an empty text field asks for help instead of typing. */
  onHelp: () => void;
  isActive?: boolean;
}

export function AnswerInput({ spec, current, onSubmit, onHelp, isActive = true }: AnswerInputProps) {
  const [draft, setDraft] = useState(current === undefined ? '' : String(current));
  const choices = choicesFor(spec);
  if (choices.length > 0) {
    const index = choices.findIndex((c) => c.value === current);
    return (
      <Select
        items={choices.map((c, i) => ({ label: `${i + 1}. ${c.label}`, value: c.value, key: c.value }))}
        onSelect={onSubmit}
        initialIndex={Math.max(0, index)}
        isActive={isActive}
      />
    );
  }
  return (
    <Box flexDirection="column">
      <TextInput
        value={draft}
        onChange={(value) => (value === '?' ? onHelp() : setDraft(value))}
        onSubmit={(text) => text.trim() !== '' && onSubmit(valueFromText(spec.type, text))}
        placeholder={spec.type === 'date' ? 'YYYY-MM-DD' : ''}
        isActive={isActive}
      />
      <Text dimColor>{inputHint(spec.type, spec.allowNever)}</Text>
    </Box>
  );
}

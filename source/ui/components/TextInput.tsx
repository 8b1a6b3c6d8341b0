// A one-line text field. While it is focused, letters are text, not commands: the app's `q` to quit
// is off (see useTyping) and Ctrl-C still leaves.

import { Text, useInput } from 'ink';
import { useEffect } from 'react';
import { useTyping } from '../typing.js';

export interface TextInputProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  placeholder?: string;
  isActive?: boolean;
}

export function TextInput({ value, onChange, onSubmit, placeholder, isActive = true }: TextInputProps) {
  const setTyping = useTyping();
  useEffect(() => {
    setTyping(isActive);
    return () => setTyping(false);
  }, [isActive, setTyping]);

  useInput(
    (input, key) => {
      if (key.return) return onSubmit(value);
      if (key.backspace || key.delete) return onChange(value.slice(0, -1));
      if (key.ctrl && input === 'u') return onChange('');
      if (
        key.escape ||
        key.tab ||
        key.upArrow ||
        key.downArrow ||
        key.leftArrow ||
        key.rightArrow ||
        key.ctrl ||
        key.meta
      )
        return;
      // Pasted text arrives in one chunk; keep it on one line.
      if (input) onChange(value + input.replace(/[\r\n]+/g, ' '));
    },
    { isActive },
  );

  return (
    <Text>
      <Text color="cyan">{'› '}</Text>
      {value ? <Text>{value}</Text> : <Text dimColor>{placeholder ?? ''}</Text>}
      {isActive ? <Text inverse> </Text> : null}
    </Text>
  );
}

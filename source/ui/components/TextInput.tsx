// A one-line text field. While it is focused, letters are text, not commands: the app's `q` to quit
// is off (see useTyping) and Ctrl-C still leaves.

import { Text, useInput } from 'ink';
import { useEffect, useLayoutEffect, useRef } from 'react';
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

  // The text as last typed. Ink re-attaches this handler only after React's effects run, so a key
  // that comes sooner (fast typing, a busy machine) would otherwise see the text before the last key.
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
  });
  const change = (next: string) => {
    latest.current = next;
    onChange(next);
  };

  useInput(
    (input, key) => {
      if (key.return) return onSubmit(latest.current);
      if (key.backspace || key.delete) return change(latest.current.slice(0, -1));
      if (key.ctrl && input === 'u') return change('');
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
      if (input) change(latest.current + input.replace(/[\r\n]+/g, ' '));
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

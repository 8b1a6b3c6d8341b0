// Whether a text field has the keyboard: then single letters are text, not shortcuts.

import { createContext, useContext } from 'react';

export const TypingContext = createContext<(typing: boolean) => void>(() => {});

export function useTyping(): (typing: boolean) => void {
  return useContext(TypingContext);
}

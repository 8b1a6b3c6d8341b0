import { useInput } from 'ink';

/** Esc leaves the screen (to home or one step back). */
export function useEscape(onEscape: () => void, isActive = true): void {
  useInput(
    (_input, key) => {
      if (key.escape) onEscape();
    },
    { isActive },
  );
}

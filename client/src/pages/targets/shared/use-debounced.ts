import { useEffect, useState } from 'react';

/** Typing pauses this long before a search goes out: one call per word, not per keystroke. */
const DEBOUNCE_MS = 400;

/** What was typed, trimmed, once typing has paused. */
export function useDebounced(text: string): string {
  const [settled, setSettled] = useState(text.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return settled;
}

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Whether the focus is nowhere in particular: on <body>, where the browser
 * puts it when the element holding it is removed or disabled.
 */
export const focusLost = (): boolean => !document.activeElement || document.activeElement === document.body;

/**
 * Focuses the first candidate that takes the focus (in the document, shown,
 * enabled; never <body>, which is no place); says whether one did.
 */
export function focusFirst(...candidates: (Element | null | undefined)[]): boolean {
  for (const el of candidates) {
    if (!(el instanceof HTMLElement) || !el.isConnected || el === document.body) continue;
    el.focus();
    if (document.activeElement === el) return true;
  }
  return false;
}

/**
 * For an action that removes the focused element, where the place to go
 * exists only after a render to come (a list reloaded, a view swapped in):
 * call the returned function, and after the next render the focus goes to the
 * first of `targets()` that takes it, unless something else has taken the
 * focus meanwhile.
 */
export function useFocusIfLost(targets: () => (Element | null | undefined)[]): () => void {
  const [asked, setAsked] = useState(0);
  const latest = useRef(targets);
  latest.current = targets;
  useEffect(() => {
    if (asked > 0 && focusLost()) focusFirst(...latest.current());
  }, [asked]);
  return useCallback(() => setAsked((n) => n + 1), []);
}

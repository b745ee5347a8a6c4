import { useSyncExternalStore } from 'react';

/**
 * One sentence for the login screen that outlives the screen that set it: a
 * restore logs out (the main window goes) before its answer arrives, and the
 * person must still learn where the replaced vault was kept.
 */
let notice: string | undefined;
const listeners = new Set<() => void>();

export function setLoginNotice(text: string | undefined): void {
  notice = text;
  for (const l of listeners) l();
}

export function useLoginNotice(): string | undefined {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => notice,
  );
}

import { createContext, type ReactNode, useCallback, useContext } from 'react';

/** Elements that could take the focus, best first (null where a ref is empty). */
type Targets = () => (Element | null | undefined)[];

const FallbackContext = createContext<Targets>(() => []);

/**
 * Where the focus goes when a dialog closes and the element that opened it is
 * gone or disabled (a toast that timed out, a chat deleted with its view):
 * the first of `to` that takes it, else the fallback of the part around this one.
 */
export function FocusFallback({ to, children }: { to: Targets; children: ReactNode }) {
  const outer = useContext(FallbackContext);
  const targets = useCallback(() => [...to(), ...outer()], [to, outer]);
  return <FallbackContext.Provider value={targets}>{children}</FallbackContext.Provider>;
}

export const useFocusFallback = (): Targets => useContext(FallbackContext);

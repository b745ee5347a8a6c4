import { useCallback, useState } from 'react';
import { errorText } from './api.js';

/**
 * The busy flag and the error sentence of a form's one action: runs it,
 * shows the app's sentence when it is refused, and re-enables the form.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

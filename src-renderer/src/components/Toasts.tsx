import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly action?: { label: string; run: () => void };
}

const ToastContext = createContext<(t: Omit<Toast, 'id'>) => void>(() => {});

export const useToast = () => useContext(ToastContext);

let nextId = 1;
const LIFE_MS = 6000;

/**
 * Confirmations that come and go, announced politely to screen readers. One
 * holding the focus (its action button) stays until the focus leaves it, so
 * the button does not vanish under the keyboard.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((t: Omit<Toast, 'id'>) => {
    const id = nextId++;
    // The same confirmation twice is shown once (the newer), not stacked.
    setToasts((ts) => [...ts.filter((x) => x.text !== t.text).slice(-2), { ...t, id }]);
    const expire = () => {
      if (document.activeElement?.closest(`[data-toast="${id}"]`)) setTimeout(expire, LIFE_MS);
      else setToasts((ts) => ts.filter((x) => x.id !== id));
    };
    setTimeout(expire, LIFE_MS);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div className="toast" key={t.id} data-toast={t.id}>
            <span>{t.text}</span>
            {t.action && (
              <button type="button" onClick={t.action.run}>
                {t.action.label}
              </button>
            )}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

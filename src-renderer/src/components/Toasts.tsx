import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export interface Toast {
  readonly id: number;
  readonly text: string;
  /** Toasts of one kind replace each other (a new "Sent" replaces the last); by default the text is the kind. */
  readonly kind?: string;
  readonly action?: { label: string; run: () => void };
}

interface Toasts {
  show(t: Omit<Toast, 'id'>): void;
  /** Takes every toast away: their screen or their subject is gone (logout, another chat, an unlock). */
  clear(): void;
}

const ToastContext = createContext<Toasts>({ show: () => {}, clear: () => {} });

export const useToast = () => useContext(ToastContext).show;
export const useClearToasts = () => useContext(ToastContext).clear;

let nextId = 1;
const LIFE_MS = 6000;
/** More than two at once cover what they talk about. */
const MAX_SHOWN = 2;

const kindOf = (t: Omit<Toast, 'id'>) => t.kind ?? t.text;

/**
 * Confirmations that come and go, announced politely to screen readers, at
 * the top of the window (never over the composer). One holding the focus (its
 * action button) stays until the focus leaves it, so the button does not
 * vanish under the keyboard.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((t: Omit<Toast, 'id'>) => {
    const id = nextId++;
    setToasts((ts) => [...ts.filter((x) => kindOf(x) !== kindOf(t)).slice(1 - MAX_SHOWN), { ...t, id }]);
    const expire = () => {
      if (document.activeElement?.closest(`[data-toast="${id}"]`)) setTimeout(expire, LIFE_MS);
      else setToasts((ts) => ts.filter((x) => x.id !== id));
    };
    setTimeout(expire, LIFE_MS);
  }, []);
  const clear = useCallback(() => setToasts([]), []);
  const value = useMemo(() => ({ show, clear }), [show, clear]);
  return (
    <ToastContext.Provider value={value}>
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

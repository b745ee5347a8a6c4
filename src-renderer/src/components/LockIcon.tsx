/** A padlock drawn inline (no emoji font needed): closed, open, or with a key for "remembered". */
export function LockIcon({ state }: { state: 'locked' | 'open' | 'remembered' }) {
  const shackle = state === 'open' ? 'M5 7V5a3 3 0 0 1 6 0' : 'M5 7V5a3 3 0 0 1 6 0v2';
  return (
    <svg className={`lock-icon ${state}`} width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <path d={shackle} fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      {state === 'remembered' && <circle cx="8" cy="11" r="1.4" fill="var(--bg)" />}
    </svg>
  );
}

import type { CSSProperties } from 'react';

/**
 * A label and a password input for a master phrase or a chat secret. Chat
 * secrets are never offered to the browser's password manager ("off"); a
 * master phrase says whether it is the current or a new one.
 */
export function SecretField({
  id,
  label,
  value,
  onChange,
  autoComplete = 'off',
  autoFocus,
  required = true,
  hiddenLabel,
  placeholder,
  style,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete?: 'off' | 'current-password' | 'new-password';
  autoFocus?: boolean;
  required?: boolean;
  /** The label is for screen readers only (a compact inline form shows the placeholder). */
  hiddenLabel?: boolean;
  placeholder?: string;
  style?: CSSProperties;
}) {
  return (
    <>
      <label htmlFor={id} className={hiddenLabel ? 'sr-only' : undefined}>
        {label}
      </label>
      <input
        id={id}
        type="password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        autoFocus={autoFocus}
        autoComplete={autoComplete}
        placeholder={placeholder}
        style={style}
      />
    </>
  );
}

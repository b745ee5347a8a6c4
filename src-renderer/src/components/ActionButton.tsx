import type { ComponentProps } from 'react';

/**
 * A button that keeps the focus while it cannot act (busy, or its form not
 * filled in): aria-disabled rather than disabled, because a focused button
 * that turns disabled drops the focus to <body> and a keyboard user loses
 * their place. A click, or Enter's implicit submission, does nothing then.
 */
export function ActionButton({
  enabled,
  type,
  onClick,
  ...rest
}: ComponentProps<'button'> & { enabled: boolean; type: 'button' | 'submit' }) {
  return (
    <button
      {...rest}
      type={type}
      aria-disabled={enabled ? undefined : true}
      onClick={(e) => {
        if (!enabled) e.preventDefault();
        else onClick?.(e);
      }}
    />
  );
}

import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { focusFirst, focusLost } from '../lib/focus.js';
import { useFocusFallback } from './FocusFallback.js';

/**
 * A modal on the native <dialog>: focus is trapped and Escape closes it, as
 * screen readers and keyboard users expect, without a library.
 *
 * The focus starts on the element marked data-autofocus, else the first one
 * that takes it. When the dialog goes (Escape, Close, Cancel, or its owner
 * removing it) the focus returns to the element that opened it, or when that
 * is gone or disabled, to the nearest FocusFallback.
 */
const FIRST_CONTROL =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]';

export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  // Read once, at the first render: by the first effect the dialog may hold the focus already.
  const [opener] = useState(() => document.activeElement);
  const fallbackNow = useFocusFallback();
  const fallback = useRef(fallbackNow);
  fallback.current = fallbackNow;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    // React's autoFocus runs before the dialog is shown, when nothing inside can take the focus. Without a
    // mark, the first control: Chromium's own choice would be the body itself once it scrolls (a long dialog).
    (
      d.querySelector<HTMLElement>('[data-autofocus]') ?? d.querySelector<HTMLElement>(FIRST_CONTROL)
    )?.focus();
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose.current();
    };
    // The browser may close it anyway (a second Escape without a click between): the owner must hear of it.
    const closed = () => onClose.current();
    d.addEventListener('cancel', cancel);
    d.addEventListener('close', closed);
    return () => {
      d.removeEventListener('cancel', cancel);
      d.removeEventListener('close', closed);
      // React removes the element without closing it; closing leaves no modal state behind.
      if (d.open) d.close();
      if (focusLost() || d.contains(document.activeElement)) focusFirst(opener, ...fallback.current());
    };
  }, [opener]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      style={props.wide ? { width: 'min(760px, 96vw)' } : undefined}
    >
      <div className="body">
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </dialog>
  );
}

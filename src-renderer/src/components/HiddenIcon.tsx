/** An eye struck through, drawn inline: beside the word "hidden", which is what assistive technology reads. */
export function HiddenIcon() {
  return (
    <svg className="lock-icon" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <path
        d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
      />
      <circle cx="8" cy="8" r="2" fill="currentColor" />
      <path d="M2.5 14 13.5 2" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

/** The mark of an open hidden chat, in the list and the chat's header. */
export function HiddenBadge() {
  return (
    <span className="badge" title="Listed only while open: locking it or logging out hides it again">
      <HiddenIcon /> hidden
    </span>
  );
}

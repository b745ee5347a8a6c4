import { type KeyboardEvent, useState } from 'react';
import { LIMITS, utf16Units } from '../../../src-shared/limits.js';
import { useAction } from '../lib/useAction.js';

/** Enter sends, Shift+Enter starts a new line (as in Signal Desktop). */
export function Composer({
  onSend,
  disabled,
}: {
  onSend: (text: string) => Promise<boolean>;
  disabled?: boolean;
}) {
  const [text, setText] = useState('');
  const { busy, run } = useAction();
  const send = () => {
    if (!text.trim() || busy) return;
    void run(async () => {
      if (await onSend(text)) setText('');
    });
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };
  return (
    <div className="composer">
      <label htmlFor="composer" className="sr-only">
        Message
      </label>
      <textarea
        id="composer"
        rows={2}
        value={text}
        maxLength={utf16Units(LIMITS.textChars)}
        placeholder="Write a message: Enter sends, Shift+Enter for a new line"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        disabled={disabled}
      />
      <button
        type="button"
        className="primary"
        onClick={() => send()}
        disabled={disabled || busy || !text.trim()}
      >
        Send
      </button>
    </div>
  );
}

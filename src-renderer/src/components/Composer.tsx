import { type KeyboardEvent, type Ref, useState } from 'react';
import { LIMITS, utf16Units } from '../../../src-shared/limits.js';
import { useAction } from '../lib/useAction.js';
import { ActionButton } from './ActionButton.js';

/**
 * Enter sends, Shift+Enter starts a new line (as in Signal Desktop). The
 * placeholder begins with the field's name, "Message", so what is seen is
 * what a speech-input user can say.
 */
export function Composer({
  onSend,
  inputRef,
  autoFocus,
}: {
  onSend: (text: string) => Promise<boolean>;
  inputRef?: Ref<HTMLTextAreaElement>;
  autoFocus?: boolean;
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
        ref={inputRef}
        rows={2}
        value={text}
        maxLength={utf16Units(LIMITS.textChars)}
        placeholder="Message: Enter sends, Shift+Enter starts a new line"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        autoFocus={autoFocus}
      />
      <ActionButton type="button" className="primary" onClick={() => send()} enabled={!busy && !!text.trim()}>
        Send
      </ActionButton>
    </div>
  );
}

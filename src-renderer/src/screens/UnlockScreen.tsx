import { type FormEvent, useState } from 'react';
import type { ChatSummary } from '../../../src-shared/types.js';
import { ActionButton } from '../components/ActionButton.js';
import { BusyStatus } from '../components/BusyStatus.js';
import { FormatBadge } from '../components/ChatList.js';
import { FormError } from '../components/FormError.js';
import { LockIcon } from '../components/LockIcon.js';
import { SecretField } from '../components/SecretField.js';
import { call } from '../lib/api.js';
import { plural } from '../lib/plural.js';
import { useAction } from '../lib/useAction.js';

/**
 * A locked chat: its secret, and the wait while the key is derived (about
 * half a second on purpose; the derivation runs in a worker, so the window
 * stays responsive). The chat's name is a second-level heading, under the
 * main screen's first.
 */
export function UnlockScreen({ chat, onUnlocked }: { chat: ChatSummary; onUnlocked: () => void }) {
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const { busy, error, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('unlockChat', { chatId: chat.id, secret });
      setSecret('');
      if (remember) await call('rememberChat', { chatId: chat.id });
      onUnlocked();
    });
  };

  return (
    <form className="unlock card" onSubmit={submit} aria-label={`Unlock ${chat.name}`}>
      <h2>
        <LockIcon state="locked" /> {chat.name}
      </h2>
      <p>
        <FormatBadge chat={chat} /> {plural(chat.count, 'message')}
      </p>
      <p className="hint">This chat is locked. Its secret opens it, and nothing else.</p>
      <SecretField id="unlock-secret" label="Chat secret" value={secret} onChange={setSecret} autoFocus />
      <label className="inline">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <span>
          Remember on this computer
          <span className="hint" style={{ display: 'block' }}>
            Opens with your login, without the secret; anyone who gets your master phrase can then read this
            chat too.
          </span>
        </span>
      </label>
      <BusyStatus busy={busy} text="Deriving the chat key… (about half a second, on purpose)" />
      <FormError text={error} />
      <div className="actions">
        <ActionButton type="submit" className="primary" enabled={!busy && !!secret}>
          Unlock
        </ActionButton>
      </div>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import type { ChatSummary } from '../../../src-shared/types.js';
import { BusyStatus } from '../components/BusyStatus.js';
import { Dialog } from '../components/Dialog.js';
import { FormActions } from '../components/FormActions.js';
import { FormError } from '../components/FormError.js';
import { SecretField } from '../components/SecretField.js';
import { call } from '../lib/api.js';
import { useAction } from '../lib/useAction.js';

/**
 * Hides a chat: its secret is asked again, because the vault keeps no copy of
 * it and the hidden chat is found by the secret alone from then on.
 */
export function HideChatDialog({
  chat,
  onClose,
  onHidden,
}: {
  chat: ChatSummary;
  onClose: () => void;
  onHidden: (c: ChatSummary) => void;
}) {
  const [secret, setSecret] = useState('');
  const { busy, error, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const hidden = await call('hideChat', { chatId: chat.id, secret });
      setSecret('');
      onHidden(hidden);
    });
  };

  return (
    <Dialog title="Hide this chat" onClose={onClose}>
      <form onSubmit={submit}>
        <p>
          "{chat.name}" leaves the chat list once it is locked, and only its secret opens it again (Open a
          hidden chat…). Nothing in the vault shows that it exists.
        </p>
        <SecretField id="hide-secret" label="Chat secret" value={secret} onChange={setSecret} autoFocus />
        <BusyStatus busy={busy} text="Moving the chat…" />
        <FormError text={error} />
        <FormActions onCancel={onClose} enabled={!busy && !!secret}>
          Hide chat
        </FormActions>
      </form>
    </Dialog>
  );
}

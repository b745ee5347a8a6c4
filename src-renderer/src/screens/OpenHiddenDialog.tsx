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
 * Asks for a secret and nothing else: a hidden chat has no entry to pick, so
 * the secret alone finds it. A secret that opens none gets the service's one
 * sentence, the same whether or not any hidden chat exists.
 */
export function OpenHiddenDialog({
  onClose,
  onOpened,
}: {
  onClose: () => void;
  onOpened: (c: ChatSummary) => void;
}) {
  const [secret, setSecret] = useState('');
  const { busy, error, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const chat = await call('openHiddenChat', { secret });
      setSecret('');
      onOpened(chat);
    });
  };

  return (
    <Dialog title="Open a hidden chat" onClose={onClose}>
      <form onSubmit={submit}>
        <SecretField id="oh-secret" label="Chat secret" value={secret} onChange={setSecret} autoFocus />
        <p className="hint">It stays in the list until you lock it or log out.</p>
        <BusyStatus busy={busy} text="Looking for the chat…" />
        <FormError text={error} />
        <FormActions onCancel={onClose} enabled={!busy && !!secret}>
          Open
        </FormActions>
      </form>
    </Dialog>
  );
}

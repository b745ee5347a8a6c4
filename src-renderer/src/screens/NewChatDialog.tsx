import { type FormEvent, useState } from 'react';
import { defaultLegacySuffix, LEGACY_PRESETS } from '../../../src-shared/legacy-chats.js';
import { LIMITS, utf16Units } from '../../../src-shared/limits.js';
import type { ChatSummary } from '../../../src-shared/types.js';
import { BusyStatus } from '../components/BusyStatus.js';
import { Dialog } from '../components/Dialog.js';
import { FormActions } from '../components/FormActions.js';
import { FormError } from '../components/FormError.js';
import { HiddenCheckbox } from '../components/HiddenCheckbox.js';
import { SecretField } from '../components/SecretField.js';
import { call } from '../lib/api.js';
import { useAction } from '../lib/useAction.js';

export function NewChatDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: ChatSummary) => void;
}) {
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [format, setFormat] = useState<'sealed-v2' | 'legacy'>('sealed-v2');
  const [legacyId, setLegacyId] = useState('1');
  const [suffix, setSuffix] = useState('');
  const [hidden, setHidden] = useState(false);
  const { busy, error, setError, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (secret !== again) return setError('The two secrets differ.');
    void run(async () => {
      const chat = await call('createChat', {
        name: name.trim(),
        secret,
        format,
        ...(format === 'legacy'
          ? { legacyId: legacyId.trim(), suffix: suffix.trim() || defaultLegacySuffix(legacyId.trim()) }
          : {}),
        ...(hidden ? { hidden: true } : {}),
      });
      onCreated(chat);
    });
  };

  return (
    <Dialog title="New chat" onClose={onClose}>
      <form onSubmit={submit}>
        <label htmlFor="nc-name">Name</label>
        <input
          id="nc-name"
          type="text"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={utf16Units(LIMITS.titleChars)}
          required
          autoFocus
        />
        <SecretField id="nc-secret" label="Chat secret" value={secret} onChange={setSecret} />
        <SecretField id="nc-secret2" label="Chat secret again" value={again} onChange={setAgain} />
        <p className="hint">
          Share the secret with the other person by a channel you trust, never together with the pointers.
        </p>
        <fieldset>
          <legend>Format</legend>
          <label className="inline">
            <input
              type="radio"
              name="format"
              checked={format === 'sealed-v2'}
              onChange={() => setFormat('sealed-v2')}
            />
            <span>Sealed v2 (recommended): authenticated, a new random chat id</span>
          </label>
          <label className="inline">
            <input
              type="radio"
              name="format"
              checked={format === 'legacy'}
              onChange={() => setFormat('legacy')}
            />
            <span>Legacy: to talk with the original console program (CLM 2.0.x)</span>
          </label>
        </fieldset>
        {format === 'legacy' && (
          <>
            <p className="warning" role="note">
              Legacy pointers are unauthenticated: anyone can alter a message undetected, a wrong secret is
              not always noticed, and two messages in the same second reuse one keystream. Use it only with
              people on the console program.
            </p>
            <label htmlFor="nc-preset">The original program's chats</label>
            <select
              id="nc-preset"
              value={LEGACY_PRESETS.some((p) => p.id === legacyId) ? legacyId : 'custom'}
              onChange={(e) => {
                if (e.target.value !== 'custom') {
                  setLegacyId(e.target.value);
                  setSuffix('');
                } else setLegacyId('');
              }}
            >
              {LEGACY_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {`${p.id} (${p.suffix})`}
                </option>
              ))}
              <option value="custom">Another chat id…</option>
            </select>
            <label htmlFor="nc-id">Chat id</label>
            <input
              id="nc-id"
              type="text"
              value={legacyId}
              onChange={(e) => setLegacyId(e.target.value)}
              maxLength={LIMITS.legacyChatChars}
              required
            />
            <label htmlFor="nc-suffix">Seed suffix</label>
            <input
              id="nc-suffix"
              type="text"
              value={suffix}
              placeholder={legacyId.trim() ? defaultLegacySuffix(legacyId.trim()) : ''}
              onChange={(e) => setSuffix(e.target.value)}
            />
            <p className="hint">
              Both sides must use the same chat id and suffix; leave it empty for the program's default.
            </p>
          </>
        )}
        <HiddenCheckbox id="nc-hidden" checked={hidden} onChange={setHidden} />
        <BusyStatus busy={busy} text="Deriving the chat key…" />
        <FormError text={error} />
        <FormActions onCancel={onClose} enabled={!busy && !!name.trim() && !!secret && !!again}>
          Create chat
        </FormActions>
      </form>
    </Dialog>
  );
}

import { type FormEvent, useState } from 'react';
import { LIMITS, utf16Units } from '../../../src-shared/limits.js';
import { ActionButton } from '../components/ActionButton.js';
import { FormError } from '../components/FormError.js';
import { SecretField } from '../components/SecretField.js';
import { call } from '../lib/api.js';
import { setLoginNotice } from '../lib/notice.js';
import { strengthHint } from '../lib/strength.js';
import { useAction } from '../lib/useAction.js';

/** First run: a nickname and a master phrase typed twice; the phrase is never stored. */
export function FirstRunScreen({ onDone }: { onDone: () => void }) {
  const [nickname, setNickname] = useState('');
  const [master, setMaster] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, setError, run } = useAction();
  const hint = strengthHint(master);

  // Moving from another computer: the backup brings its own profile, so there is nothing to create.
  const restore = () =>
    void run(async () => {
      const r = await call('restoreVault');
      if (!r.restored) return;
      setLoginNotice(`Restored from ${r.from}. Log in with the backup's master phrase.`);
      onDone();
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (master !== again) return setError('The two master phrases differ.');
    void run(async () => {
      await call('createProfile', { nickname: nickname.trim(), master });
      setMaster('');
      setAgain('');
      onDone();
    });
  };

  return (
    <main className="center">
      <form className="card" onSubmit={submit} aria-label="Create your profile">
        <h1>Chrono-Library Messenger</h1>
        <p className="hint">
          A messenger that transmits nothing: your messages become pointers you hand over by any channel.
          Create your profile on this computer.
        </p>
        <label htmlFor="nick">Nickname</label>
        <input
          id="nick"
          type="text"
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          maxLength={utf16Units(LIMITS.authorChars)}
          required
          autoFocus
        />
        <p className="hint">Signed on every message you send.</p>
        <SecretField
          id="master"
          label="Master phrase"
          value={master}
          onChange={setMaster}
          autoComplete="new-password"
        />
        <div className="meter" aria-hidden="true">
          {hint.level > 0 && <span className={`l${hint.level}`} />}
        </div>
        <p className="hint" aria-live="polite">
          {hint.label || 'It is never stored: if you forget it, this profile cannot be opened.'}
        </p>
        <SecretField
          id="master2"
          label="Master phrase again"
          value={again}
          onChange={setAgain}
          autoComplete="new-password"
        />
        <FormError text={error} />
        <div className="actions">
          <ActionButton
            type="submit"
            className="primary"
            enabled={!busy && !!nickname.trim() && !!master && !!again}
          >
            {busy ? 'Creating…' : 'Create profile'}
          </ActionButton>
        </div>
        <p className="hint">
          Moving from another computer?{' '}
          <ActionButton type="button" className="link" enabled={!busy} onClick={restore}>
            Restore from a backup…
          </ActionButton>
        </p>
      </form>
    </main>
  );
}

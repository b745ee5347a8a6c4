import { type FormEvent, useState } from 'react';
import { ActionButton } from '../components/ActionButton.js';
import { FormError } from '../components/FormError.js';
import { SecretField } from '../components/SecretField.js';
import { call } from '../lib/api.js';
import { setLoginNotice, useLoginNotice } from '../lib/notice.js';
import { useAction } from '../lib/useAction.js';

export function LoginScreen({ nickname, onDone }: { nickname: string; onDone: () => void }) {
  const [master, setMaster] = useState('');
  const { busy, error, run } = useAction();
  const notice = useLoginNotice();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('login', { master });
      setMaster('');
      setLoginNotice(undefined);
      onDone();
    });
  };

  return (
    <main className="center">
      <form className="card" onSubmit={submit} aria-label="Log in">
        <h1>Welcome back, {nickname}</h1>
        <p className="hint">
          Your chats are locked. Your master phrase opens the profile; each chat has its own secret.
        </p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <SecretField
          id="login-master"
          label="Master phrase"
          value={master}
          onChange={setMaster}
          autoFocus
          autoComplete="current-password"
        />
        <FormError text={error} />
        <div className="actions">
          <ActionButton type="submit" className="primary" enabled={!busy && !!master}>
            {busy ? (
              <>
                <span className="spinner" aria-hidden="true" />
                Opening…
              </>
            ) : (
              'Log in'
            )}
          </ActionButton>
        </div>
      </form>
    </main>
  );
}

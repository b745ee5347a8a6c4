import { type FormEvent, useState } from 'react';
import { call, errorText } from '../lib/api.js';

export function LoginScreen({ nickname, onDone }: { nickname: string; onDone: () => void }) {
  const [master, setMaster] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await call('login', { master });
      setMaster('');
      onDone();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <main className="center">
      <form className="card" onSubmit={submit} aria-label="Log in">
        <h1>Welcome back, {nickname}</h1>
        <p className="hint">
          Your chats are locked. Your master phrase opens the profile; each chat has its own secret.
        </p>
        <label htmlFor="login-master">Master phrase</label>
        <input
          id="login-master"
          type="password"
          value={master}
          onChange={(e) => setMaster(e.target.value)}
          required
          autoFocus
          autoComplete="current-password"
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !master}>
            {busy ? (
              <>
                <span className="spinner" aria-hidden="true" />
                Opening…
              </>
            ) : (
              'Log in'
            )}
          </button>
        </div>
      </form>
    </main>
  );
}

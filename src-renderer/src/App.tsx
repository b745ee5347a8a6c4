import { useCallback, useEffect, useState } from 'react';
import type { ProfileStatus } from '../../src-shared/types.js';
import { ToastProvider } from './components/Toasts.js';
import { call } from './lib/api.js';
import { FirstRunScreen } from './screens/FirstRunScreen.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { MainScreen } from './screens/MainScreen.js';

/** First run, login, or the main window, by the profile's state in the main process. */
export function App() {
  const [status, setStatus] = useState<ProfileStatus>();
  const [importText, setImportText] = useState<string>();
  const refresh = useCallback(() => {
    call('status').then(setStatus, () => setStatus({ exists: false, loggedIn: false }));
  }, []);
  useEffect(() => {
    refresh();
    return window.clm.onEvent((e) => {
      if (e.type === 'open-import') setImportText(e.text);
    });
  }, [refresh]);
  const clearImport = useCallback(() => setImportText(undefined), []);

  return (
    <ToastProvider>
      {/* In a landmark like every screen, so nothing on the page is outside one. */}
      {!status && (
        <main className="center">
          <p className="empty">Opening…</p>
        </main>
      )}
      {status && !status.exists && <FirstRunScreen onDone={refresh} />}
      {status?.exists && !status.loggedIn && (
        <LoginScreen nickname={status.nickname ?? ''} onDone={refresh} />
      )}
      {status?.loggedIn && (
        <MainScreen
          nickname={status.nickname ?? ''}
          onLoggedOut={refresh}
          importText={importText}
          onImportShown={clearImport}
        />
      )}
    </ToastProvider>
  );
}

import { app } from 'electron';
import type { Messenger } from '../service/messenger.js';

/**
 * Quit waits for the vault to close: close() logs out (wiping every key),
 * closes the database (checkpointing its -wal) and stops the KDF worker. The
 * first before-quit is held back until close() has finished, then quit runs
 * again and goes through; a failing close() still lets the app quit.
 */
export function closeVaultBeforeQuit(messenger: () => Messenger | undefined): void {
  let closing = false;
  let closed = false;
  app.on('before-quit', (event) => {
    const m = messenger();
    if (closed || !m) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    void m
      .close()
      .catch(() => undefined)
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

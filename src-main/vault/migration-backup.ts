import { closeSync, constants, openSync, rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { VaultFileError } from './vault-file.js';

// The copy a schema migration makes beside the vault before changing it.

/**
 * Copies the vault (committed state, WAL included) to `<vault>.before-schema-<v>`,
 * created 0600 and exclusively so no link or earlier file is written through.
 */
export function backupBeforeMigration(db: Database, version: number): string {
  const dest = `${db.name}.before-schema-${version}`;
  rmSync(dest, { force: true });
  try {
    closeSync(
      openSync(
        dest,
        constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0),
        0o600,
      ),
    );
  } catch {
    throw new VaultFileError(
      `The vault could not be copied to ${dest} before its update, so it was not updated.`,
    );
  }
  // VACUUM INTO fills an empty file, keeping the mode it was created with.
  db.prepare('VACUUM INTO ?').run(dest);
  return dest;
}

/** After a successful update: the copy holds deleted messages the vault itself has zeroed, so it goes. */
export function dropBackup(dest: string | undefined): void {
  if (dest !== undefined) rmSync(dest, { force: true });
}

export function migrationFailed(e: unknown, backup: string | undefined): VaultFileError {
  const kept = backup === undefined ? '' : '; the copy made before the update is kept beside it';
  // The cause goes by name only: a message of SQLite's could quote the vault's contents.
  const cause = e instanceof Error ? e.name : 'error';
  return new VaultFileError(
    `Updating the vault to this version of the app failed (${cause}), so it was left as it was${kept}.`,
  );
}

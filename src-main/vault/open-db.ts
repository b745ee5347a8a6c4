import Database from 'better-sqlite3';
import { migrate, SCHEMA_VERSION } from './schema.js';
import { narrowSideFiles, prepareVaultFile, VaultFileError } from './vault-file.js';

export type Db = Database.Database;

export interface OpenDbOptions {
  /** Electron loads its own ABI build of the addon (see scripts/prepare-electron.mjs). */
  readonly nativeBinding?: string;
}

/** The tables every vault has from its first schema on; another program's database lacks them. */
const VAULT_TABLES = ['chats', 'messages', 'profile'];

const sqliteCode = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';

/**
 * Whether this database is a vault this app may open, read without writing
 * anything: a file of another program, or of a newer app, is left untouched.
 */
function checkIsVault(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  if (version > SCHEMA_VERSION) {
    throw new VaultFileError(
      `This vault was written by a newer version of the app (schema ${version}); update the app to open it.`,
    );
  }
  const fresh = version === 0 && tables.length === 0;
  if (!fresh && !VAULT_TABLES.every((t) => tables.includes(t))) {
    throw new VaultFileError('The file is a database of another program, not a vault; it was left as it is.');
  }
}

/**
 * Opens (creating when missing) the vault file: folder 0700, file 0600, WAL,
 * foreign keys, synchronous FULL (a message reported as stored survives a
 * crash or power loss), then migrations. A file that is not a vault this app
 * can write is refused with a sentence (VaultFileError) and never changed.
 */
export function openDb(path: string, opts: OpenDbOptions = {}): Db {
  prepareVaultFile(path);
  let db: Db | undefined;
  try {
    db = new Database(path, {
      fileMustExist: true,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    // Nothing is written before this check: switching to WAL rewrites the header.
    checkIsVault(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Freed pages are zeroed so deleted messages do not linger in the file.
    db.pragma('secure_delete = ON');
    // Waits for the other process (the app and `clm` on one vault) instead of failing at once.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    narrowSideFiles(path);
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof VaultFileError) throw e;
    const code = sqliteCode(e);
    if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
      throw new VaultFileError('The vault file is damaged; it was left as it is, restore it from a backup.');
    }
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
      throw new VaultFileError(
        'The vault file cannot be written (a read-only file or folder), so it was not opened.',
      );
    }
    if (code.startsWith('SQLITE_BUSY')) {
      throw new VaultFileError('The vault is busy in another program; try again in a moment.');
    }
    throw e;
  }
}

import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema.js';

export type Db = Database.Database;

export interface OpenDbOptions {
  /** Electron loads its own ABI build of the addon (see scripts/prepare-electron.mjs). */
  readonly nativeBinding?: string;
}

/**
 * Opens (creating when missing) the vault file: folder 0700, file 0600, WAL,
 * foreign keys, synchronous FULL (a message reported as stored survives a
 * crash or power loss), then migrations.
 */
export function openDb(path: string, opts: OpenDbOptions = {}): Db {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Created 0600 before SQLite opens it, so it is never readable by others, even briefly.
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  const db = new Database(path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Freed pages are zeroed so deleted messages do not linger in the file.
  db.pragma('secure_delete = ON');
  migrate(db);
  for (const suffix of ['-wal', '-shm']) {
    if (process.platform !== 'win32' && existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
  }
  return db;
}

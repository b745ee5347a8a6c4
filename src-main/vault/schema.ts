import type { Database } from 'better-sqlite3';
import { backupBeforeMigration, dropBackup, migrationFailed } from './migration-backup.js';

/**
 * Migrations by PRAGMA user_version: entry i upgrades version i to i + 1.
 * Never edit a shipped entry; append a new one.
 *
 * What stays readable is what the design allows: row ids, timestamps, counts,
 * the nickname, and blind indexes (HMACs under the profile key). Everything
 * else (names, formats, chat ids, suffixes, texts, authors, pointers) is in
 * AES-GCM blobs.
 */
export const MIGRATIONS: readonly string[] = [
  // 0 -> 1: the first schema.
  `
  CREATE TABLE profile (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    nickname      TEXT    NOT NULL,
    kdf_salt      BLOB    NOT NULL,
    kdf_log2n     INTEGER NOT NULL,
    wrapped_key   BLOB    NOT NULL,
    created_at    INTEGER NOT NULL
  );
  CREATE TABLE chats (
    id            INTEGER PRIMARY KEY,
    route         BLOB    NOT NULL,
    meta          BLOB    NOT NULL,
    unlock_salt   BLOB    NOT NULL,
    wrapped_key   BLOB    NOT NULL,
    remembered    BLOB,
    created_at    INTEGER NOT NULL,
    last_activity INTEGER NOT NULL
  );
  CREATE INDEX chats_route ON chats(route);
  CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    seen       BLOB    NOT NULL UNIQUE,
    epoch      INTEGER NOT NULL,
    stored_at  INTEGER NOT NULL,
    trashed    INTEGER NOT NULL DEFAULT 0,
    body       BLOB    NOT NULL
  );
  CREATE INDEX messages_chat ON messages(chat_id, trashed, epoch, id);
  `,
  // 1 -> 2: settings (auto-lock minutes, lock on suspend), sealed under the profile key.
  `
  ALTER TABLE profile ADD COLUMN settings BLOB;
  `,
  // 2 -> 3: message counts kept on the chat row by triggers, in the same transaction as the
  // change, so listing chats and recognising a duplicate never count a chat's messages.
  // (The counts were already readable: they are the number of message rows.)
  `
  ALTER TABLE chats ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE chats ADD COLUMN trashed_count INTEGER NOT NULL DEFAULT 0;
  UPDATE chats SET
    message_count = (SELECT COUNT(*) FROM messages m WHERE m.chat_id = chats.id AND m.trashed = 0),
    trashed_count = (SELECT COUNT(*) FROM messages m WHERE m.chat_id = chats.id AND m.trashed = 1);
  CREATE TRIGGER messages_counted_insert AFTER INSERT ON messages BEGIN
    UPDATE chats SET message_count = message_count + (NEW.trashed = 0), trashed_count = trashed_count + (NEW.trashed <> 0)
    WHERE id = NEW.chat_id;
  END;
  CREATE TRIGGER messages_counted_delete AFTER DELETE ON messages BEGIN
    UPDATE chats SET message_count = message_count - (OLD.trashed = 0), trashed_count = trashed_count - (OLD.trashed <> 0)
    WHERE id = OLD.chat_id;
  END;
  CREATE TRIGGER messages_counted_trash AFTER UPDATE OF trashed, chat_id ON messages BEGIN
    UPDATE chats SET message_count = message_count - (OLD.trashed = 0), trashed_count = trashed_count - (OLD.trashed <> 0)
    WHERE id = OLD.chat_id;
    UPDATE chats SET message_count = message_count + (NEW.trashed = 0), trashed_count = trashed_count + (NEW.trashed <> 0)
    WHERE id = NEW.chat_id;
  END;
  `,
  // 3 -> 4: hidden chats' cells (docs/hidden-chats.md): uniform opaque rows, most of them chaff,
  // in every vault. No column but a random id, a tag and a box of one fixed length.
  `
  CREATE TABLE cells (id INTEGER PRIMARY KEY, tag BLOB NOT NULL UNIQUE, box BLOB NOT NULL);
  `,
  // 4 -> 5: search chunks (src-main/service/search-chunks.ts): a visible chat's messages again, a few
  // hundred to a box sealed under a key from the chat's data key, so a first search opens few boxes.
  // Readable: the chat, a chunk number and a length that follows from its messages' own lengths.
  `
  CREATE TABLE search_chunks (
    id      INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    n       INTEGER NOT NULL,
    blob    BLOB    NOT NULL,
    UNIQUE (chat_id, n)
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database, migrations: readonly string[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `This vault was written by a newer version of the app (schema ${current}); update the app to open it.`,
    );
  }
  if (current === migrations.length) return;
  // A vault with data is copied beside itself first (a new, empty vault has nothing to keep).
  const backup = current > 0 ? backupBeforeMigration(db, current) : undefined;
  try {
    // All steps in one transaction: a failure (or a crash) leaves the vault at its old version.
    db.transaction(() => {
      for (let v = current; v < migrations.length; v++) {
        db.exec(migrations[v] as string);
        db.pragma(`user_version = ${v + 1}`);
      }
    })();
  } catch (e) {
    throw migrationFailed(e, backup);
  }
  dropBackup(backup);
}

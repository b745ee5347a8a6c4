/**
 * The vault writer: an import's batches are stored from a thread of its own,
 * in order, each in one transaction; a row whose chat is gone is left out;
 * and where the thread cannot run, every batch is stored all the same, on the
 * main thread, by the same function.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/vault/open-db.js';
import { VaultWriter } from '../../../src-main/vault/vault-writer.js';
import { NOT_STORED, packBatch, type RowToWrite } from '../../../src-main/vault/write-batch.js';
import { tempDirs } from '../temp-dirs.js';

const tmp = tempDirs('clm-writer-');

function vault() {
  const path = join(tmp(), 'vault.sqlite');
  const db = openDb(path);
  const chat = (n: number) =>
    Number(
      db
        .prepare(
          'INSERT INTO chats (route, meta, unlock_salt, wrapped_key, created_at, last_activity) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(randomBytes(32), randomBytes(64), randomBytes(16), randomBytes(64), n, n).lastInsertRowid,
    );
  return { path, db, chat };
}

/** n rows spread over the chats, and the batch packing them. */
function batch(chatIds: number[], n: number, chaff = 0) {
  const rows: RowToWrite[] = Array.from({ length: n }, (_, i) => ({
    chatId: chatIds[i % chatIds.length] as number,
    seen: randomBytes(32),
    epoch: 1_000 + i,
    body: randomBytes(500 + (i % 80)),
  }));
  return {
    rows,
    packed: packBatch(
      rows,
      2_000,
      chatIds.map((id) => [id, 5_000] as const),
      chaff,
    ),
  };
}

const messageRows = (db: ReturnType<typeof openDb>) =>
  db.prepare('SELECT id, chat_id, seen, epoch, stored_at, body FROM messages ORDER BY id').all() as {
    id: number;
    chat_id: number;
    epoch: number;
    stored_at: number;
    seen: Buffer;
    body: Buffer;
  }[];

describe('the vault writer', () => {
  it('stores batches from its thread, in order, rows and chaff, and the main connection reads them', async () => {
    const v = vault();
    const a = v.chat(1);
    const b = v.chat(2);
    const writer = new VaultWriter(v.path, () => v.db);
    try {
      const first = batch([a, b], 300, 7);
      const second = batch([b], 5);
      // Sent together: they commit in the order given.
      const [ids1, ids2] = await Promise.all([writer.write(first.packed), writer.write(second.packed)]);
      expect(writer.threaded).toBe(true);
      expect(ids1).toHaveLength(300);
      expect(Math.max(...ids1)).toBeLessThan(Math.min(...ids2));
      const rows = messageRows(v.db);
      expect(rows.map((r) => r.id)).toEqual([...ids1, ...ids2]);
      const sent = [...first.rows, ...second.rows];
      rows.forEach((r, i) => {
        expect(r.chat_id).toBe(sent[i]?.chatId);
        expect(r.epoch).toBe(sent[i]?.epoch);
        expect(r.stored_at).toBe(2_000);
        expect(r.seen.equals(Buffer.from(sent[i]?.seen as Uint8Array))).toBe(true);
        expect(r.body.equals(Buffer.from(sent[i]?.body as Uint8Array))).toBe(true);
      });
      expect((v.db.prepare('SELECT COUNT(*) AS n FROM cells').get() as { n: number }).n).toBe(7);
      const counts = v.db.prepare('SELECT id, message_count, last_activity FROM chats ORDER BY id').all();
      expect(counts).toEqual([
        { id: a, message_count: 150, last_activity: 5_000 },
        { id: b, message_count: 155, last_activity: 5_000 },
      ]);
    } finally {
      await writer.close();
      v.db.close();
    }
  });

  it('leaves out the rows of a chat deleted before the batch, and stores the rest', async () => {
    const v = vault();
    const kept = v.chat(1);
    const gone = v.chat(2);
    v.db.prepare('DELETE FROM chats WHERE id = ?').run(gone);
    const writer = new VaultWriter(v.path, () => v.db);
    try {
      const ids = await writer.write(batch([kept, gone], 4).packed);
      expect(ids.filter((id) => id === NOT_STORED)).toHaveLength(2);
      expect(messageRows(v.db).map((r) => r.chat_id)).toEqual([kept, kept]);
    } finally {
      await writer.close();
      v.db.close();
    }
  });

  it('refuses a batch SQLite refuses (a blind index stored already), storing none of it', async () => {
    const v = vault();
    const c = v.chat(1);
    const writer = new VaultWriter(v.path, () => v.db);
    try {
      const once = batch([c], 3);
      await writer.write(once.packed);
      const again = packBatch([...batch([c], 2).rows, once.rows[0] as RowToWrite], 2_000, [], 0);
      await expect(writer.write(again)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(messageRows(v.db)).toHaveLength(3);
    } finally {
      await writer.close();
      v.db.close();
    }
  });

  it('writes on the main thread when its thread cannot run (a packaged app missing its unpacked files)', async () => {
    const v = vault();
    const c = v.chat(1);
    // A thread whose script fails to load, as a missing file or package would.
    const broken = () => new Worker('throw new Error("Cannot find module better-sqlite3")', { eval: true });
    const writer = new VaultWriter(v.path, () => v.db, undefined, broken);
    try {
      const ids = await writer.write(batch([c], 10, 2).packed);
      expect(writer.threaded).toBe(false);
      const later = await writer.write(batch([c], 5).packed);
      expect(messageRows(v.db).map((r) => r.id)).toEqual([...ids, ...later]);
      expect((v.db.prepare('SELECT COUNT(*) AS n FROM cells').get() as { n: number }).n).toBe(2);
    } finally {
      await writer.close();
      v.db.close();
    }
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { paddedLength } from '../../../src-main/vault/buckets.js';
import type { LocalChatId, MessageId } from '../../../src-shared/types.js';
import { freshVaults } from './helpers.js';

const vaults = freshVaults();
const SECRET = 'notes-secret';

async function chatWith(list: string[]) {
  const { m, master, path } = await vaults.user('Alice');
  const chat = await m.createChat({ name: 'Notes', secret: SECRET, format: 'sealed-v2' });
  const ids = list.map((t) => m.send(chat.id, t).message.id);
  return { m, master, path, chat: chat.id as LocalChatId, ids };
}

/** Closes the messenger, lets `edit` change the file with plain SQL, and opens the chat again. */
async function reopen(
  v: Awaited<ReturnType<typeof chatWith>>,
  edit: (db: Database.Database) => void = () => {},
) {
  await v.m.close();
  const db = new Database(v.path);
  try {
    edit(db);
  } finally {
    db.close();
  }
  const m = vaults.open(v.path);
  await m.login(v.master);
  await m.unlockChat(v.chat, SECRET);
  return m;
}

const chunks = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT n, blob FROM search_chunks ORDER BY chat_id, n').all() as {
      n: number;
      blob: Buffer;
    }[];
  } finally {
    db.close();
  }
};

const texts = (
  m: { search: (c: LocalChatId, q: string) => { text: string }[] },
  chat: LocalChatId,
  q: string,
) => m.search(chat, q).map((x) => x.text);

describe('search chunks: a chat’s messages sealed a few hundred to a box, for the first search after unlock', () => {
  it('are written as messages are stored, hold nothing readable, and are as long as their messages’ own boxes say', async () => {
    const short = await chatWith(Array.from({ length: 40 }, (_, i) => `short ${i}`));
    // Texts four times longer whose bodies still fill the same bucket: the chunk's length must not differ.
    const long = await chatWith(
      Array.from({ length: 40 }, (_, i) => `a longer message, number ${i}, same bucket`),
    );
    await short.m.close();
    await long.m.close();
    const lengths: number[] = [];
    for (const v of [short, long]) {
      const db = new Database(v.path, { readonly: true });
      const bodies = db.prepare('SELECT SUM(length(body) - 28) AS t, COUNT(*) AS n FROM messages').get() as {
        t: number;
        n: number;
      };
      db.close();
      expect(bodies.n).toBe(40);
      // One chunk, kept as its front (n = 0) and back (n = -1): together as long as the bodies say.
      const rows = chunks(v.path);
      expect(rows.map((r) => r.n).sort()).toEqual([-1, 0]);
      const whole = Buffer.concat(rows.map((r) => r.blob));
      expect(whole.length).toBe(paddedLength(bodies.t + 1) + 28);
      // Where it is cut follows from that length alone.
      expect(rows.find((r) => r.n === 0)?.blob.length).toBe(Math.ceil((whole.length * 3) / 8));
      lengths.push(whole.length);
      for (const word of ['short', 'longer', 'Alice', 'alice', 'number'])
        expect(whole.includes(Buffer.from(word))).toBe(false);
    }
    expect(lengths[0]).toBe(lengths[1]);
  });

  it('a search after unlock finds what was sent, trashed, restored and purged before the lock', async () => {
    const v = await chatWith(['blue book', 'red book', 'blue pen', 'blue sky']);
    v.m.trashMessage(v.chat, v.ids[0] as MessageId);
    v.m.purgeMessage(v.chat, v.ids[2] as MessageId);
    v.m.trashMessage(v.chat, v.ids[3] as MessageId);
    v.m.restoreMessage(v.chat, v.ids[3] as MessageId);
    const m = await reopen(v);
    expect(texts(m, v.chat, 'blue')).toEqual(['blue sky']);
    expect(m.search(v.chat, 'sky')[0]).toMatchObject({ author: 'Alice', direction: 'sent', deleted: false });
    expect(m.search(v.chat, 'sky')[0]?.pointer).toBe(m.history(v.chat).messages.at(-1)?.pointer);
  });

  it('a chunk that does not open, or none at all (an older vault), costs a rebuild, never a message', async () => {
    const list = Array.from({ length: 300 }, (_, i) => `note ${i} ${i % 7 === 0 ? 'seven' : ''}`);
    const v = await chatWith(list);
    const sevens = list.filter((t) => t.includes('seven'));
    const m = await reopen(v, (db) => {
      // Written in the background after the sends, and at the latest when the chat locks (here: closing).
      // Two chunks, each kept as a front (n >= 0) and a back (n < 0).
      expect(db.prepare('SELECT COUNT(*) FROM search_chunks WHERE n >= 0').pluck().get()).toBe(2);
      expect(db.prepare('SELECT COUNT(*) FROM search_chunks').pluck().get()).toBe(4);
      const first = db.prepare('SELECT id, blob FROM search_chunks WHERE n = 0').get() as {
        id: number;
        blob: Buffer;
      };
      first.blob[40] = (first.blob[40] as number) ^ 1;
      db.prepare('UPDATE search_chunks SET blob = ? WHERE id = ?').run(first.blob, first.id);
    });
    expect(texts(m, v.chat, 'seven')).toEqual(sevens);
    const w = { ...v, m };
    const again = await reopen(w, (db) => db.exec('DELETE FROM search_chunks'));
    expect(texts(again, v.chat, 'seven')).toEqual(sevens);
    await again.close();
    // Written back: both times, every message is in a chunk again.
    expect(chunks(v.path).length).toBeGreaterThanOrEqual(2);
  });

  it('an older copy of a chunk put back by someone with the file does not bring a purged message back', async () => {
    const v = await chatWith(['keep this', 'purge this']);
    let before: Buffer | undefined;
    const m1 = await reopen(v, (db) => {
      before = db.prepare('SELECT blob FROM search_chunks WHERE n = 0').pluck().get() as Buffer;
    });
    m1.purgeMessage(v.chat, v.ids[1] as MessageId);
    m1.send(v.chat, 'and this');
    const m = await reopen({ ...v, m: m1 }, (db) =>
      db.prepare('UPDATE search_chunks SET blob = ? WHERE n = 0').run(before),
    );
    expect(texts(m, v.chat, 'this')).toEqual(['keep this', 'and this']);
  });

  it('go with their chat', async () => {
    const v = await chatWith(['one', 'two']);
    v.m.deleteChat(v.chat);
    await v.m.close();
    expect(chunks(v.path)).toEqual([]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { SearchEntry } from '../../src-main/service/search-entries.js';
import { type ChunkSource, SearchIndex, type SearchSource } from '../../src-main/service/search-index.js';
import type { MessageRow } from '../../src-main/vault/rows.js';
import type { LocalChatId, MessageView } from '../../src-shared/types.js';

/** One chat's rows in memory, read the way the vault's statements read them. */
function fakeChat(texts: string[]) {
  let rows: MessageRow[] = texts.map((t, i) => ({
    id: i + 1,
    chat_id: 1,
    seen: Buffer.alloc(32, i),
    epoch: 1000 + i,
    stored_at: 0,
    trashed: 0,
    body: Buffer.from(t),
  }));
  const key = (r: MessageRow) => [r.epoch, r.id] as const;
  const later = (a: MessageRow, b: MessageRow) => {
    const [ea, ia] = key(a);
    const [eb, ib] = key(b);
    return ea > eb || (ea === eb && ia > ib);
  };
  const sorted = () => [...rows].sort((a, b) => a.epoch - b.epoch || a.id - b.id);
  const reads = { views: 0 };
  const source: SearchSource = {
    chatId: 1 as LocalChatId,
    oldest: (trashed, limit) =>
      sorted()
        .filter((r) => r.trashed === (trashed ? 1 : 0))
        .slice(0, limit),
    after: (row, limit) =>
      sorted()
        .filter((r) => r.trashed === row.trashed && later(r, row))
        .slice(0, limit),
    newSince: (afterId, limit) => rows.filter((r) => r.id > afterId).slice(0, limit),
    row: (id) => rows.find((r) => r.id === id),
    maxId: () => Math.max(0, ...rows.map((r) => r.id)),
    present: (ids) =>
      rows
        .filter((r) => ids.includes(r.id))
        .map((r) => [r.id, r.epoch, r.seen.readUInt32LE(0), r.trashed] as [number, number, number, number]),
    entry: (r): SearchEntry => {
      reads.views++;
      return {
        id: r.id,
        epoch: r.epoch,
        storedAt: 0,
        seen: r.seen.readUInt32LE(0),
        sent: false,
        author: 'ann',
        text: r.body.toString(),
        pointer: `p${r.id}`,
        bodyBytes: 540,
      };
    },
  };
  const set = (id: number, trashed: 0 | 1) => {
    rows = rows.map((r) => (r.id === id ? { ...r, trashed } : r));
  };
  const add = (text: string, epoch: number) => {
    const id = Math.max(0, ...rows.map((r) => r.id)) + 1;
    rows.push({
      id,
      chat_id: 1,
      seen: Buffer.alloc(32, id),
      epoch,
      stored_at: 0,
      trashed: 0,
      body: Buffer.from(text),
    });
    return id;
  };
  return { source, set, add, reads };
}

const texts = (v: MessageView[]) => v.map((m) => m.text);

describe('SearchIndex', () => {
  it('opens each message once to build; a later search opens none and shows each found message whole', () => {
    const chat = fakeChat(Array.from({ length: 250 }, (_, i) => `word ${i}`));
    const index = new SearchIndex(chat.source);
    expect(index.search(['24'])).toHaveLength(13);
    expect(chat.reads.views).toBe(250);
    expect(index.search(['249'])).toEqual([
      {
        id: 250,
        chatId: 1,
        direction: 'received',
        author: 'ann',
        text: 'word 249',
        epoch: 1249,
        storedAt: 0,
        deleted: false,
        pointer: 'p250',
      },
    ]);
    expect(chat.reads.views).toBe(250);
    expect(texts(index.search(['ann', '17']))).toEqual([
      'word 17',
      'word 117',
      'word 170',
      'word 171',
      'word 172',
      'word 173',
      'word 174',
      'word 175',
      'word 176',
      'word 177',
      'word 178',
      'word 179',
      'word 217',
    ]);
  });

  it("tells a held message's direction without opening it, and nothing of one it does not hold", () => {
    const chat = fakeChat(['a', 'b', 'c']);
    const index = new SearchIndex(chat.source);
    // Not built yet: nothing is known, so the caller opens the body.
    expect(index.sentOf(2)).toBeUndefined();
    index.search(['a']);
    const views = chat.reads.views;
    expect([1, 2, 3].map((id) => index.sentOf(id))).toEqual([false, false, false]);
    const mine = { ...chat.source.entry(chat.source.row(2) as MessageRow), id: 4, sent: true, seen: 4 };
    index.added([mine]);
    index.search(['b']);
    expect(index.sentOf(4)).toBe(true);
    expect(index.sentOf(99)).toBeUndefined();
    index.deleted([2]);
    expect(index.sentOf(2)).toBeUndefined();
    // Told from memory: no message was opened for it (the one count is the entry made above).
    expect(chat.reads.views).toBe(views + 1);
  });

  it('a message restored while the build is between its two passes is found', () => {
    const chat = fakeChat(Array.from({ length: 30 }, (_, i) => `m${i}`));
    chat.set(3, 1);
    const index = new SearchIndex(chat.source);
    // The pass outside the trash is done (29 rows, steps of 10), the trash pass not begun.
    for (let i = 0; i < 3; i++) index.step(10);
    chat.set(3, 0);
    index.trashed(3, false);
    expect(texts(index.search(['m2']))).toEqual([
      'm2',
      'm20',
      'm21',
      'm22',
      'm23',
      'm24',
      'm25',
      'm26',
      'm27',
      'm28',
      'm29',
    ]);
    expect(index.search(['m2'])[0]?.deleted).toBe(false);
  });

  it('finds messages added after the build, in time order, and forgets all once dropped', () => {
    const chat = fakeChat(['alpha one', 'alpha two']);
    const index = new SearchIndex(chat.source);
    expect(texts(index.search(['alpha']))).toEqual(['alpha one', 'alpha two']);
    chat.add('alpha zero', 1);
    expect(texts(index.search(['alpha']))).toEqual(['alpha zero', 'alpha one', 'alpha two']);
    index.drop();
    expect(index.search(['alpha'])).toEqual([]);
  });
});

describe('SearchIndex writing its chunks in the background', () => {
  it('a write refused because another process holds the vault (SQLITE_BUSY) is tried again later, and never takes the process down', async () => {
    const chat = fakeChat(Array.from({ length: 40 }, (_, i) => `note ${i}`));
    const stored: SearchEntry[] = [];
    let refusals = 0;
    const chunks: ChunkSource = {
      numbers: () => [],
      open: () => undefined,
      count: () => 40,
      trashedIds: () => [],
      // All 40 rows, none in the trash, in (trashed, epoch, id) order after the given one.
      states: ([, epoch]) =>
        Array.from({ length: 40 }, (_, i) => [i + 1, 1000 + i, 0] as [number, number, number]).filter(
          ([, e]) => e > epoch,
        ),
      append: (entries) => {
        if (refusals === 0) {
          refusals++;
          // What better-sqlite3 throws when the busy timeout runs out.
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        }
        stored.push(...entries);
        return entries.map(() => 0);
      },
      remove: () => {},
      clear: () => {},
    };
    const index = new SearchIndex({ ...chat.source, chunks });
    index.buildInBackground();
    // An uncaught throw in a background step would fail this run as an unhandled error.
    await vi.waitFor(() => expect(stored).toHaveLength(40), { timeout: 10_000, interval: 50 });
    expect(refusals).toBe(1);
    expect(texts(index.search(['note', '7']))).toEqual(['note 7', 'note 17', 'note 27', 'note 37']);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CELL_PAYLOAD,
  decodeCell,
  encodeUnit,
  joinFrames,
  KIND_MESSAGE,
} from '../../../src-main/service/hidden/cell-codec.js';
import {
  cellTag,
  deriveHiddenKeys,
  type HiddenKeys,
  openCell,
  recordTag,
  sealCell,
} from '../../../src-main/service/hidden/hidden-keys.js';
import { HiddenChat } from '../../../src-main/service/hidden/hidden-rows.js';
import { KdfPool } from '../../../src-main/service/kdf/kdf-pool.js';
import { CELL_BOX, CELL_PLAIN, CellStore } from '../../../src-main/vault/cell-store.js';
import { openDb } from '../../../src-main/vault/open-db.js';
import { tempDirs } from '../temp-dirs.js';

const dirs = tempDirs('clm-cells-');

const keysOf = (seed: number): HiddenKeys => ({
  tag: new Uint8Array(32).fill(seed),
  box: new Uint8Array(32).fill(seed + 1),
});

function store() {
  const db = openDb(join(dirs(), 'vault.sqlite'));
  return { db, cells: new CellStore(db) };
}

const record = (id: number) => ({
  id,
  meta: {
    name: 'Night shift',
    format: 'sealed-v2' as const,
    wire: 'AAAAAAAAAAAAAAAAAAAAAA',
    k: 12,
    createdHere: true,
  },
  cdk: new Uint8Array(32).fill(7),
  wireKey: new Uint8Array(64).fill(9),
  suffix: '',
  nextCell: 0,
  nextMessage: 1,
  createdAt: 1_700_000_000,
  lastActivity: 1_700_000_000,
});

const body = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe('cell codec', () => {
  it('cuts a unit into cells of one size and joins them back in any order', () => {
    const bytes = Buffer.from(Array.from({ length: CELL_PAYLOAD * 2 + 17 }, (_, i) => i % 251));
    const cells = encodeUnit(KIND_MESSAGE, 42, bytes);
    expect(cells).toHaveLength(3);
    for (const c of cells) expect(c.length).toBe(CELL_PLAIN);
    const frames = cells.map((c) => decodeCell(c)).reverse();
    expect(frames.every((f) => f?.unit === 42)).toBe(true);
    expect(joinFrames(frames as NonNullable<(typeof frames)[0]>[])?.equals(bytes)).toBe(true);
    // A unit missing a part does not join.
    expect(joinFrames(frames.slice(1) as NonNullable<(typeof frames)[0]>[])).toBeUndefined();
  });

  it('a box opens only under its own tag and key', () => {
    const k = keysOf(1);
    const tag = cellTag(k, 0);
    const plain = encodeUnit(KIND_MESSAGE, 1, body(10))[0] as Buffer;
    const box = sealCell(k, tag, plain);
    expect(box.length).toBe(CELL_BOX);
    expect(openCell(k, tag, box)?.equals(plain)).toBe(true);
    expect(openCell(k, cellTag(k, 1), box)).toBeUndefined();
    expect(openCell(keysOf(5), tag, box)).toBeUndefined();
  });

  it('tags differ by chat and by cell number', () => {
    const a = keysOf(1);
    const b = keysOf(3);
    const hex = (t: Uint8Array) => Buffer.from(t).toString('hex');
    const tags = new Set([
      hex(recordTag(a)),
      hex(recordTag(b)),
      hex(cellTag(a, 0)),
      hex(cellTag(a, 1)),
      hex(cellTag(b, 0)),
    ]);
    expect(tags.size).toBe(5);
  });

  it('L is derived in the worker pool, depends on the secret and on the profile key', async () => {
    const kdf = new KdfPool();
    try {
      const dk = new Uint8Array(32).fill(1);
      const a = await deriveHiddenKeys(kdf, dk, ' owl ', 10);
      const same = await deriveHiddenKeys(kdf, dk, 'owl', 10);
      const other = await deriveHiddenKeys(kdf, dk, 'owls', 10);
      const otherVault = await deriveHiddenKeys(kdf, new Uint8Array(32).fill(2), 'owl', 10);
      expect(Buffer.from(recordTag(a)).equals(recordTag(same))).toBe(true);
      expect(Buffer.from(recordTag(a)).equals(recordTag(other))).toBe(false);
      expect(Buffer.from(recordTag(a)).equals(recordTag(otherVault))).toBe(false);
      await expect(deriveHiddenKeys(kdf, dk, '   ', 10)).rejects.toThrow('The chat secret is empty.');
    } finally {
      await kdf.close();
    }
  });
});

describe('cell store and hidden rows', () => {
  it('every cell is one size, chaff included, and ids are not insertion order', () => {
    const { db, cells } = store();
    cells.transaction(() => cells.addChaff(50));
    HiddenChat.create(cells, keysOf(1), record(2 ** 41));
    const rows = db.prepare('SELECT id, length(tag) AS t, length(box) AS b FROM cells').all() as {
      id: number;
      t: number;
      b: number;
    }[];
    expect(rows).toHaveLength(51);
    expect(new Set(rows.map((r) => `${r.t}/${r.b}`))).toEqual(new Set([`16/${CELL_BOX}`]));
    expect(Math.max(...rows.map((r) => r.id))).toBeGreaterThan(2 ** 32);
    db.close();
  });

  it('a chat written to cells reads back whole: record, messages, trash, large bodies', () => {
    const { db, cells } = store();
    cells.transaction(() => cells.addChaff(20));
    const h = HiddenChat.create(cells, keysOf(1), record(2 ** 41 + 5));
    const small = h.insertMessage(Buffer.alloc(32, 1), 100, 200, body(600, 2));
    const large = h.insertMessage(Buffer.alloc(32, 2), 90, 201, body(5000, 3));
    const third = h.insertMessage(Buffer.alloc(32, 3), 110, 202, body(600, 4));
    expect(h.setTrashed(third, true, body(600, 5))).toBe(true);
    h.touch(1_800_000_000);

    const again = HiddenChat.load(cells, keysOf(1));
    expect(again?.id).toBe(2 ** 41 + 5);
    expect(again?.record.meta.name).toBe('Night shift');
    expect(again?.record.lastActivity).toBe(1_800_000_000);
    expect(again?.oldest(false, 10).map((r) => r.id)).toEqual([large, small]);
    expect(again?.oldest(true, 10).map((r) => r.id)).toEqual([third]);
    expect(again?.message(large)?.body.equals(body(5000, 3))).toBe(true);
    expect(again?.message(third)?.body.equals(body(600, 5))).toBe(true);
    expect(again?.bySeen(Buffer.alloc(32, 1))?.id).toBe(small);
    // Another secret finds nothing, chaff or not.
    expect(HiddenChat.load(cells, keysOf(9))).toBeUndefined();
    db.close();
  });

  it('deleting turns cells into chaff: the number of cells never falls, and the message is gone', () => {
    const { db, cells } = store();
    const h = HiddenChat.create(cells, keysOf(1), record(2 ** 41));
    const a = h.insertMessage(Buffer.alloc(32, 1), 100, 200, body(3000));
    h.insertMessage(Buffer.alloc(32, 2), 101, 200, body(600));
    const before = cells.count();
    expect(h.deleteMessage(a)).toBe(true);
    expect(cells.count()).toBe(before);
    expect(h.clearChat()).toBe(1);
    expect(cells.count()).toBe(before);
    expect(HiddenChat.load(cells, keysOf(1))?.count(false)).toBe(0);
    h.destroy();
    expect(cells.count()).toBe(before);
    expect(HiddenChat.load(cells, keysOf(1))).toBeUndefined();
    db.close();
  });

  it('pages like the SQL rows: newest, oldest, before, after, positions', () => {
    const { db, cells } = store();
    const h = HiddenChat.create(cells, keysOf(1), record(2 ** 41));
    const ids = [5, 3, 3, 9, 1].map((epoch, i) =>
      h.insertMessage(Buffer.alloc(32, i + 1), epoch, 0, body(100)),
    );
    // By epoch, then id: 1 (e), 3 (b), 3 (c), 5 (a), 9 (d).
    const order = [ids[4], ids[1], ids[2], ids[0], ids[3]];
    expect(h.oldest(false, 5).map((r) => r.id)).toEqual(order);
    expect(h.newest(false, 2).map((r) => r.id)).toEqual(order.slice(3));
    expect(h.newest(false, 2, 1).map((r) => r.id)).toEqual(order.slice(2, 4));
    const mid = h.message(order[2] as number);
    expect(mid && h.before(mid, 10).map((r) => r.id)).toEqual(order.slice(0, 2));
    expect(mid && h.after(mid, 1).map((r) => r.id)).toEqual(order.slice(3, 4));
    expect(mid && h.countBefore(mid)).toBe(2);
    expect(h.latestEpoch()).toBe(9);
    expect(h.rowsAfterId(ids[2] as number, 10).map((r) => r.id)).toEqual([ids[3], ids[4]]);
    db.close();
  });
});

import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src-main/core/bytes.js';
import { hmacSha256 } from '../../src-main/core/hmac-sha256.js';
import { SearchChunks } from '../../src-main/service/search-chunks.js';
import { columnsOf, type SearchEntry } from '../../src-main/service/search-entries.js';
import { seal } from '../../src-main/vault/box.js';
import { paddedLength } from '../../src-main/vault/buckets.js';
import type { SearchChunkRows } from '../../src-main/vault/search-chunks.js';

const CHAT = 7;
const cdk = new Uint8Array(32).fill(9);
const searchKey = () => hmacSha256(cdk, utf8('CLM vault/search-key\u0000'));

/** The chunk table of one vault in memory, as vault/search-chunks.ts keeps it (a back at -1 - n). */
function memoryRows() {
  const rows = new Map<number, Buffer>();
  const fake = {
    numbers: () => [...rows.keys()].filter((n) => n >= 0).sort((a, b) => a - b),
    get: (_: number, n: number) => rows.get(n),
    back: (_: number, n: number) => rows.get(-1 - n),
    put: (_: number, n: number, front: Buffer, back?: Buffer) => {
      rows.set(n, Buffer.from(front));
      if (back) rows.set(-1 - n, Buffer.from(back));
      else rows.delete(-1 - n);
    },
    remove: (_: number, n: number) => {
      rows.delete(n);
      rows.delete(-1 - n);
    },
    transaction: <T>(fn: () => T) => fn(),
  };
  return { rows, chunks: new SearchChunks(fake as unknown as SearchChunkRows, CHAT, cdk) };
}

const entries = (n: number): SearchEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    epoch: 1000 + i,
    storedAt: 2000 + i,
    seen: i * 7,
    sent: i % 2 === 0,
    author: 'ann',
    text: `note ${i}`,
    pointer: `pointer-${i}`,
    bodyBytes: 540,
  }));

/** A chunk as layout 1 wrote it: one box.ts box of a 16-byte header, the row facts, the texts and the pointers. */
function layout1(list: SearchEntry[]): Buffer {
  const c = columnsOf(list);
  const texts = Buffer.from(c.texts, 'utf8');
  const facts = [c.ids, c.epochs, c.stored, c.seen, c.bodyBytes, c.authorLen, c.sent].map((a) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
  );
  const header = Buffer.alloc(16);
  header.writeUInt32LE(c.count, 0);
  header.writeUInt32LE(texts.length, 4);
  header.writeUInt32LE(c.pointers.length, 8);
  header.writeUInt32LE(1, 12);
  const plain = Buffer.concat([header, ...facts, texts, c.pointers]);
  const padded = Buffer.alloc(paddedLength(list.length * 512 + 1) - 1);
  plain.copy(padded);
  return seal(searchKey(), padded, `search-chunk|${CHAT}|0`);
}

describe('SearchChunks: the layout of a chunk', () => {
  it('a search reads the texts without the pointers; a rewrite keeps both', () => {
    const { rows, chunks } = memoryRows();
    chunks.append(entries(40), false);
    // 40 messages of 512-byte bodies: front and back.
    expect([...rows.keys()].sort()).toEqual([-1, 0]);
    const c = chunks.open(0);
    expect(c?.pointers).toBeUndefined();
    expect(c?.texts).toContain('ann\nnote 39');
    expect([...(c?.ids ?? [])]).toEqual(entries(40).map((e) => e.id));
    expect((rows.get(-1) as Buffer).includes(Buffer.from('pointer-'))).toBe(false);
    // Filling the chunk opens it whole (a chunk that did not open would leave it and start chunk 1).
    chunks.append(entries(41).slice(40), false);
    expect([...rows.keys()].sort()).toEqual([-1, 0]);
    chunks.remove(new Map([[0, new Set([1])]]));
    expect([...(chunks.open(0)?.ids ?? [])]).toEqual(
      entries(41)
        .map((e) => e.id)
        .slice(1),
    );
  });

  it('a chunk of layout 1 still opens, pointers and all, and is written again as layout 2', () => {
    const { rows, chunks } = memoryRows();
    rows.set(0, layout1(entries(40)));
    const old = chunks.open(0);
    expect(old?.old).toBe(true);
    expect(old?.pointers?.toString('utf8')).toContain('pointer-39');
    chunks.remove(new Map([[0, new Set()]]));
    expect([...rows.keys()].sort()).toEqual([-1, 0]);
    const now = chunks.open(0);
    expect(now?.old).toBeUndefined();
    expect(now?.texts).toBe(old?.texts);
    expect([...(now?.seen ?? [])]).toEqual([...(old?.seen ?? [])]);
  });

  it('a part put in from another copy of the chunk does not open; the unsealed fill changes nothing', () => {
    const { rows, chunks } = memoryRows();
    chunks.append(entries(40), false);
    const first = rows.get(0) as Buffer;
    chunks.remove(new Map([[0, new Set()]]));
    const second = Buffer.from(rows.get(0) as Buffer);
    expect(second.length).toBe(first.length);
    // The second copy's head with the first copy's texts (both 44 bytes in, as long as each other).
    const spliced = Buffer.concat([second.subarray(0, 44), first.subarray(44)]);
    rows.set(0, spliced);
    expect(chunks.open(0)).toBeUndefined();
    rows.set(0, second);
    const fill = rows.get(-1) as Buffer;
    fill[fill.length - 1] = (fill[fill.length - 1] as number) ^ 0xff;
    chunks.remove(new Map([[0, new Set([2])]]));
    expect([...(chunks.open(0)?.ids ?? [])]).toEqual(
      entries(40)
        .map((e) => e.id)
        .filter((id) => id !== 2),
    );
  });
});

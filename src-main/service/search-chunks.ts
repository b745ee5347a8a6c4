import { utf8, wipe } from '../core/bytes.js';
import { hmacSha256 } from '../core/hmac-sha256.js';
import { open, seal } from '../vault/box.js';
import { paddedLength } from '../vault/buckets.js';
import type { SearchChunkRows } from '../vault/search-chunks.js';
import {
  byteStartsOf,
  columnsOf,
  type EntryColumns,
  entryAt,
  type SearchEntry,
  startsOf,
} from './search-entries.js';

/**
 * A visible chat's search chunks: its messages again (author, text, pointer,
 * times), up to 256 to a box, so the first search after an unlock opens a few
 * hundred boxes instead of every message (AES-GCM costs far more per call
 * than per byte). Kept up to date in the same transaction as each insert;
 * deletions and anything else are caught when the index checks the chunks
 * against the chat's rows after unlock (search-index.ts), and mended then.
 *
 * Key: K_search = HMAC(CDK, "CLM vault/search-key\0"), so a chunk needs the
 * chat's secret as its messages do. Associated data: the chat and the chunk's
 * number, so a chunk moved to another chat or place does not open.
 *
 * What a chunk's length tells: its plaintext is padded to one less than
 * bucket(T + 1), where T is the sum over its messages of their body boxes'
 * plaintext lengths (each box's length minus 28), lengths anyone with the
 * file reads already; box.ts adds the one byte of its own padding, so the
 * box is exactly bucket(T + 1) + 28 long. A message takes 38 bytes here plus
 * its author, text and pointer; its body holds those three in JSON (49 bytes
 * of keys and quotes at least), so what is stored always fits in T and the
 * chunk's length is a function of lengths already on disk: it tells nothing
 * of the texts that their own boxes do not.
 */

const KEY_LABEL = utf8('CLM vault/search-key\u0000');
/** Messages in a chunk at most, and its plaintext bytes (before padding) as far as other messages go. */
export const CHUNK_MESSAGES = 256;
const CHUNK_BYTES = 128 * 1024 - 64;
const BOX_OVERHEAD = 28;
const HEADER = 16;
/** The layout's version, in the header: a chunk of another layout is read as damaged (its messages read again). */
const LAYOUT = 1;
const PER_MESSAGE = 8 + 8 + 8 + 4 + 4 + 2 + 1;

const aad = (chatId: number, n: number) => `search-chunk|${chatId}|${n}`;
const share = (e: SearchEntry) => Math.max(e.bodyBytes - BOX_OVERHEAD, 0);

export function encodeChunk(entries: readonly SearchEntry[]): Buffer {
  const c = columnsOf(entries);
  const n = c.count;
  const texts = Buffer.from(c.texts, 'utf8');
  const pointers = c.pointers;
  const used = HEADER + n * PER_MESSAGE + texts.length + pointers.length;
  const target = entries.reduce((t, e) => t + share(e), 0);
  // `used` never exceeds `target` (see above); the max only keeps a bug from cutting messages off.
  const out = Buffer.alloc(paddedLength(Math.max(target, used) + 1) - 1);
  out.writeUInt32LE(n, 0);
  out.writeUInt32LE(texts.length, 4);
  out.writeUInt32LE(pointers.length, 8);
  out.writeUInt32LE(LAYOUT, 12);
  let at = HEADER;
  for (const a of [c.ids, c.epochs, c.stored, c.seen, c.bodyBytes, c.authorLen, c.sent]) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  out.set(texts, at);
  out.set(pointers, at + texts.length);
  return out;
}

export function decodeChunk(b: Buffer): EntryColumns | undefined {
  if (b.length < HEADER || b.readUInt32LE(12) !== LAYOUT) return undefined;
  const n = b.readUInt32LE(0);
  const textBytes = b.readUInt32LE(4);
  const pointerBytes = b.readUInt32LE(8);
  if (HEADER + n * PER_MESSAGE + textBytes + pointerBytes > b.length) return undefined;
  let at = HEADER;
  // Copied out: typed arrays need aligned offsets, and the opened plaintext is wiped after.
  const take = <T>(make: (buf: ArrayBuffer) => T, bytes: number): T => {
    const copy = new Uint8Array(bytes);
    copy.set(b.subarray(at, at + bytes));
    const t = make(copy.buffer);
    at += bytes;
    return t;
  };
  const cols: EntryColumns = {
    count: n,
    ids: take((x) => new Float64Array(x), 8 * n),
    epochs: take((x) => new Float64Array(x), 8 * n),
    stored: take((x) => new Float64Array(x), 8 * n),
    seen: take((x) => new Uint32Array(x), 4 * n),
    bodyBytes: take((x) => new Uint32Array(x), 4 * n),
    authorLen: take((x) => new Uint16Array(x), 2 * n),
    sent: take((x) => new Uint8Array(x), n),
    texts: b.toString('utf8', at, at + textBytes),
    pointers: Buffer.from(b.subarray(at + textBytes, at + textBytes + pointerBytes)),
  };
  return cols;
}

export function entriesOf(c: EntryColumns): SearchEntry[] {
  const ts = startsOf(c.texts, c.count);
  const ps = byteStartsOf(c.pointers, c.count);
  return Array.from({ length: c.count }, (_, i) => entryAt(c, ts, ps, i));
}

/** One chat's chunks, opened and written with its data key (which the caller keeps and wipes). */
export class SearchChunks {
  readonly #rows: SearchChunkRows;
  readonly #chatId: number;
  readonly #cdk: Uint8Array;

  constructor(rows: SearchChunkRows, chatId: number, cdk: Uint8Array) {
    this.#rows = rows;
    this.#chatId = chatId;
    this.#cdk = cdk;
  }

  #withKey<T>(fn: (key: Uint8Array) => T): T {
    const key = hmacSha256(this.#cdk, KEY_LABEL);
    try {
      return fn(key);
    } finally {
      wipe(key);
    }
  }

  numbers = (): number[] => this.#rows.numbers(this.#chatId);

  /** Chunk n, or undefined when it is missing or does not open (then its messages are read again). */
  open(n: number): EntryColumns | undefined {
    const blob = this.#rows.get(this.#chatId, n);
    if (!blob) return undefined;
    const plain = this.#withKey((k) => open(k, blob, aad(this.#chatId, n)));
    if (!plain) return undefined;
    try {
      return decodeChunk(plain);
    } finally {
      plain.fill(0);
    }
  }

  #put(n: number, entries: readonly SearchEntry[]): void {
    if (entries.length === 0) {
      this.#rows.remove(this.#chatId, n);
      return;
    }
    const plain = encodeChunk(entries);
    this.#rows.put(
      this.#chatId,
      n,
      this.#withKey((k) => seal(k, plain, aad(this.#chatId, n))),
    );
    plain.fill(0);
  }

  count = (): number => this.#rows.count(this.#chatId);
  trashedIds = (): number[] => this.#rows.trashedIds(this.#chatId);
  states = (after: readonly [number, number, number]) => this.#rows.states(this.#chatId, after);

  /**
   * Adds messages after the last chunk's (filling it first); returns the
   * chunk each went to. SQLite gives a deleted newest id to the next row, so
   * when the messages were just stored, an entry of the last chunk at or
   * above the first new id is stale: dropped.
   */
  append(entries: readonly SearchEntry[], justStored: boolean): number[] {
    if (entries.length === 0) return [];
    return this.#rows.transaction(() => {
      const numbers = this.numbers();
      let n = numbers.at(-1) ?? 0;
      const firstNew = Math.min(...entries.map((e) => e.id));
      let current: SearchEntry[] = [];
      if (numbers.length > 0) {
        const last = this.open(n);
        if (last) current = entriesOf(last).filter((e) => !justStored || e.id < firstNew);
        else n++;
      }
      let bytes = current.reduce((t, e) => t + share(e), 0);
      const where: number[] = [];
      for (const e of entries) {
        if (current.length > 0 && (current.length >= CHUNK_MESSAGES || bytes + share(e) > CHUNK_BYTES)) {
          this.#put(n++, current);
          current = [];
          bytes = 0;
        }
        current.push(e);
        bytes += share(e);
        where.push(n);
      }
      this.#put(n, current);
      return where;
    });
  }

  /** Takes messages out of their chunks (deleted for good, or found gone); a chunk left empty goes. */
  remove(byChunk: ReadonlyMap<number, ReadonlySet<number>>): void {
    if (byChunk.size === 0) return;
    this.#rows.transaction(() => {
      for (const [n, ids] of byChunk) {
        const c = this.open(n);
        this.#put(n, c ? entriesOf(c).filter((e) => !ids.has(e.id)) : []);
      }
    });
  }

  clear = (): void => this.#rows.clear(this.#chatId);
}

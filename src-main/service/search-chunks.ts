import { randomFillSync } from 'node:crypto';
import { utf8, wipe } from '../core/bytes.js';
import { hmacSha256 } from '../core/hmac-sha256.js';
import { open } from '../vault/box.js';
import { paddedLength } from '../vault/buckets.js';
import type { SearchChunkRows } from '../vault/search-chunks.js';
import { openPart, PART_OVERHEAD, sealPart } from './search-boxes.js';
import {
  byteStartsOf,
  columnsOf,
  type EntryColumns,
  entryAt,
  type SearchEntry,
  startsOf,
  type TextColumns,
} from './search-entries.js';

/**
 * A visible chat's search chunks: its messages again (author, text, pointer,
 * times), up to 256 to a blob, so the first search after an unlock opens a
 * few hundred blobs instead of every message (AES-GCM costs far more per call
 * than per byte). Kept up to date in the background after each insert;
 * deletions and anything else are caught when the index checks the chunks
 * against the chat's rows after unlock (search-index.ts), and mended then.
 *
 * Key: K_search = HMAC(CDK, "CLM vault/search-key\0"), so a chunk needs the
 * chat's secret as its messages do.
 *
 * A blob (layout 2) is three sealed parts and a random fill:
 * head (the layout, the count and the other parts' lengths; 44 bytes) ||
 * texts (each message's row facts and "author\ntext") || pointers || fill.
 * A search reads the head and the texts only: the pointers are half the bytes,
 * and the few a search shows are read from their rows. Associated data: the
 * chat, the chunk's number and the part, and for the texts and pointers the
 * head's nonce, so no part opens in another chat, place or blob.
 *
 * What a blob's length tells: it is exactly bucket(T + 1) + 28, where T is
 * the sum over its messages of their body boxes' plaintext lengths (each
 * box's length minus 28), lengths anyone with the file reads already; the
 * fill (random bytes, as the sealed parts look) makes it up. A message takes
 * 38 bytes here plus its author, text and pointer; its body holds those three
 * in JSON (49 bytes of keys and quotes at least, and box.ts's one padding
 * byte), so each message leaves at least 12 bytes of T unused, and the parts'
 * own 72 bytes stay within the 63 that bucket(T + 1) adds above T (T is a
 * multiple of 64: bodies are padded to 512 bytes at least): what is stored
 * always fits, and the blob's length tells nothing of the texts that their
 * own boxes do not. The fill is neither sealed nor read: changing it changes
 * nothing.
 *
 * A blob of layout 1 (one box holding all, padded by box.ts) still opens; the
 * index writes it again as layout 2 in the background.
 */

const KEY_LABEL = utf8('CLM vault/search-key\u0000');
/** Messages in a chunk at most, and its plaintext bytes (before padding) as far as other messages go. */
export const CHUNK_MESSAGES = 256;
const CHUNK_BYTES = 128 * 1024 - 64;
const BOX_OVERHEAD = 28;
/** The head's plaintext: layout, count, texts part's length, pointers part's length. */
const HEAD = 16;
const HEAD_PART = HEAD + PART_OVERHEAD;
const LAYOUT = 2;
/** Row facts per message in the texts part: id, epoch, stored (f64), seen, body bytes (u32), author length (u16), sent. */
const PER_MESSAGE = 8 + 8 + 8 + 4 + 4 + 2 + 1;

/**
 * A blob of 4 KiB or more is kept in two rows (vault/search-chunks.ts), cut
 * at 3/8 of its length, a function of the length alone: the front holds the
 * head and texts of messages up to about 150 characters, so a search reads
 * 3/8 of the bytes (the back only when the texts run on into it).
 */
const frontLength = (length: number) => (length < 4096 ? length : Math.ceil((length * 3) / 8));

const aad = (chatId: number, n: number) => `search-chunk|${chatId}|${n}`;
const partAad = (chatId: number, n: number, part: 'head' | 'texts' | 'pointers', head?: Buffer) =>
  `${aad(chatId, n)}|${part}${head ? `|${head.toString('hex', 0, 12)}` : ''}`;
const share = (e: SearchEntry) => Math.max(e.bodyBytes - BOX_OVERHEAD, 0);

/** The texts part's plaintext: the row facts column by column, then the texts. */
function encodeTexts(c: EntryColumns): Buffer {
  const texts = Buffer.from(c.texts, 'utf8');
  const out = Buffer.alloc(c.count * PER_MESSAGE + texts.length);
  let at = 0;
  for (const a of [c.ids, c.epochs, c.stored, c.seen, c.bodyBytes, c.authorLen, c.sent]) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  out.set(texts, at);
  texts.fill(0);
  return out;
}

function decodeTexts(b: Buffer, n: number): TextColumns | undefined {
  if (n * PER_MESSAGE > b.length) return undefined;
  let at = 0;
  // Copied out: typed arrays need aligned offsets, and the opened plaintext is wiped after.
  const take = <T>(make: (buf: ArrayBuffer) => T, bytes: number): T => {
    const copy = new Uint8Array(bytes);
    copy.set(b.subarray(at, at + bytes));
    at += bytes;
    return make(copy.buffer);
  };
  return {
    count: n,
    ids: take((x) => new Float64Array(x), 8 * n),
    epochs: take((x) => new Float64Array(x), 8 * n),
    stored: take((x) => new Float64Array(x), 8 * n),
    seen: take((x) => new Uint32Array(x), 4 * n),
    bodyBytes: take((x) => new Uint32Array(x), 4 * n),
    authorLen: take((x) => new Uint16Array(x), 2 * n),
    sent: take((x) => new Uint8Array(x), n),
    texts: b.toString('utf8', at),
  };
}

/** Layout 1: one box.ts box holding a 16-byte header, the row facts, the texts and the pointers. */
function decodeLayout1(b: Buffer): EntryColumns | undefined {
  const HEADER = 16;
  if (b.length < HEADER || b.readUInt32LE(12) !== 1) return undefined;
  const n = b.readUInt32LE(0);
  const textBytes = b.readUInt32LE(4);
  const pointerBytes = b.readUInt32LE(8);
  const factsEnd = HEADER + n * PER_MESSAGE;
  if (factsEnd + textBytes + pointerBytes > b.length) return undefined;
  const c = decodeTexts(b.subarray(HEADER, factsEnd + textBytes), n);
  return (
    c && {
      ...c,
      pointers: Buffer.from(b.subarray(factsEnd + textBytes, factsEnd + textBytes + pointerBytes)),
    }
  );
}

/** A chunk's head: its sealed bytes (their nonce binds the other parts), and what it says. */
interface Head {
  readonly box: Buffer;
  readonly layout: number;
  readonly count: number;
  /** The sealed lengths of the texts and pointers parts. */
  readonly texts: number;
  readonly pointers: number;
}

/** What a search reads of a chunk; `pointers` too when the chunk is of layout 1 (`old`). */
export type ChunkColumns = TextColumns & { readonly pointers?: Buffer; readonly old?: boolean };

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
  /** K_search, made once while the chat is open (a build opens hundreds of chunks); wiped by `forget`. */
  #key: Uint8Array | undefined;

  constructor(rows: SearchChunkRows, chatId: number, cdk: Uint8Array) {
    this.#rows = rows;
    this.#chatId = chatId;
    this.#cdk = cdk;
  }

  #searchKey(): Uint8Array {
    this.#key ??= hmacSha256(this.#cdk, KEY_LABEL);
    return this.#key;
  }

  /** On lock: K_search is wiped (the chat's key is, by its owner). */
  forget(): void {
    if (this.#key) wipe(this.#key);
    this.#key = undefined;
  }

  numbers = (): number[] => this.#rows.numbers(this.#chatId);

  /** Chunk n's row facts and texts, or undefined when it is missing or does not open (then its messages are read again). */
  open(n: number): ChunkColumns | undefined {
    const front = this.#rows.get(this.#chatId, n);
    if (!front) return undefined;
    const head = this.#head(front, n);
    if (!head) return this.#openLayout1(front, n);
    const blob = HEAD_PART + head.texts <= front.length ? front : this.#whole(front, n);
    const plain = this.#part(blob, n, head, 'texts');
    if (!plain) return undefined;
    try {
      return decodeTexts(plain, head.count);
    } finally {
      plain.fill(0);
    }
  }

  /** Chunk n whole, pointers too (to write it again). */
  #openAll(n: number): EntryColumns | undefined {
    const front = this.#rows.get(this.#chatId, n);
    if (!front) return undefined;
    const head = this.#head(front, n);
    if (!head) return this.#openLayout1(front, n);
    const blob = this.#whole(front, n);
    const texts = this.#part(blob, n, head, 'texts');
    const pointers = this.#part(blob, n, head, 'pointers');
    try {
      const c = texts && pointers && decodeTexts(texts, head.count);
      return c && { ...c, pointers: Buffer.from(pointers) };
    } finally {
      texts?.fill(0);
      pointers?.fill(0);
    }
  }

  #whole(front: Buffer, n: number): Buffer {
    const back = this.#rows.back(this.#chatId, n);
    return back ? Buffer.concat([front, back]) : front;
  }

  #head(blob: Buffer, n: number): Head | undefined {
    if (blob.length < HEAD_PART) return undefined;
    const box = blob.subarray(0, HEAD_PART);
    const plain = openPart(this.#searchKey(), box, partAad(this.#chatId, n, 'head'));
    if (!plain) return undefined;
    const head = {
      box,
      layout: plain.readUInt32LE(0),
      count: plain.readUInt32LE(4),
      texts: plain.readUInt32LE(8),
      pointers: plain.readUInt32LE(12),
    };
    plain.fill(0);
    return head.layout === LAYOUT ? head : undefined;
  }

  #part(blob: Buffer, n: number, head: Head, part: 'texts' | 'pointers'): Buffer | undefined {
    const from = HEAD_PART + (part === 'texts' ? 0 : head.texts);
    const to = from + (part === 'texts' ? head.texts : head.pointers);
    if (to > blob.length) return undefined;
    const box = blob.subarray(from, to);
    return openPart(this.#searchKey(), box, partAad(this.#chatId, n, part, head.box));
  }

  #openLayout1(blob: Buffer, n: number): (EntryColumns & { old: true }) | undefined {
    const plain = open(this.#searchKey(), blob, aad(this.#chatId, n));
    if (!plain) return undefined;
    try {
      const c = decodeLayout1(plain);
      return c && { ...c, old: true };
    } finally {
      plain.fill(0);
    }
  }

  #put(n: number, entries: readonly SearchEntry[]): void {
    if (entries.length === 0) {
      this.#rows.remove(this.#chatId, n);
      return;
    }
    const blob = this.#seal(n, entries);
    const cut = frontLength(blob.length);
    this.#rows.put(
      this.#chatId,
      n,
      blob.subarray(0, cut),
      cut < blob.length ? blob.subarray(cut) : undefined,
    );
  }

  #seal(n: number, entries: readonly SearchEntry[]): Buffer {
    const c = columnsOf(entries);
    const key = this.#searchKey();
    const headPlain = Buffer.alloc(HEAD);
    const textsPlain = encodeTexts(c);
    headPlain.writeUInt32LE(LAYOUT, 0);
    headPlain.writeUInt32LE(c.count, 4);
    headPlain.writeUInt32LE(textsPlain.length + PART_OVERHEAD, 8);
    headPlain.writeUInt32LE(c.pointers.length + PART_OVERHEAD, 12);
    const head = sealPart(key, headPlain, partAad(this.#chatId, n, 'head'));
    const texts = sealPart(key, textsPlain, partAad(this.#chatId, n, 'texts', head));
    const pointers = sealPart(key, c.pointers, partAad(this.#chatId, n, 'pointers', head));
    textsPlain.fill(0);
    c.pointers.fill(0);
    const used = head.length + texts.length + pointers.length - BOX_OVERHEAD;
    const target = entries.reduce((t, e) => t + share(e), 0);
    // `used` never exceeds bucket(target + 1) - 1 (see above); the max only keeps a bug from cutting messages off.
    const out = Buffer.alloc(paddedLength(Math.max(target, used) + 1) + BOX_OVERHEAD);
    out.set(head, 0);
    out.set(texts, head.length);
    out.set(pointers, head.length + texts.length);
    randomFillSync(out, head.length + texts.length + pointers.length);
    return out;
  }

  count = (): number => this.#rows.count(this.#chatId);
  rows = (ids: readonly number[]) => this.#rows.rows(this.#chatId, ids);
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
        const last = this.#openAll(n);
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

  /** Takes messages out of their chunks (deleted for good, or found gone); a chunk left empty goes. Written in layout 2. */
  remove(byChunk: ReadonlyMap<number, ReadonlySet<number>>): void {
    if (byChunk.size === 0) return;
    this.#rows.transaction(() => {
      for (const [n, ids] of byChunk) {
        const c = this.#openAll(n);
        this.#put(n, c ? entriesOf(c).filter((e) => !ids.has(e.id)) : []);
      }
    });
  }

  clear = (): void => this.#rows.clear(this.#chatId);
}

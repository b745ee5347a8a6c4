import type { LocalChatId, MessageView } from '../../src-shared/types.js';
import type { MessageRow } from '../vault/rows.js';
import type { ChunkColumns } from './search-chunks.js';
import {
  byteStartsOf,
  columnsOf,
  type EntryColumns,
  entryAt,
  SEP,
  type SearchEntry,
  startsOf,
  type TextColumns,
  viewOf,
} from './search-entries.js';

/** Rows (or one chunk) read per step while the index is built in the background: a millisecond or two each. */
const STEP = 100;
/** A background step that failed (the vault busy in another process) is tried again this much later, this many times. */
const RETRY_MS = 1000;
const RETRIES = 5;
/** How often a paused background build looks again. */
const PAUSE_MS = 50;
/** Rows read per step when a search is waiting for the index. */
const RUSH = 2000;
/** Messages just stored, gathered in blocks of this many (a chunk's worth) before they are searched or written. */
const BLOCK_MAX = 256;

/** A visible chat's sealed search chunks (search-chunks.ts), and the row facts that check them. */
export interface ChunkSource {
  numbers(): number[];
  /** Chunk n's row facts and texts (its pointers only when it is of an older layout, `old`), or undefined when it is missing or does not open. */
  open(n: number): ChunkColumns | undefined;
  /** The chat's messages, in the trash or not: kept by the vault with every change. */
  count(): number;
  trashedIds(): number[];
  /** The chat's messages after (trashed, epoch, id), as [id, epoch, trashed], a few thousand at a time. */
  states(after: readonly [number, number, number]): [number, number, number][];
  /** Stores entries in chunks; returns the chunk of each. */
  append(entries: readonly SearchEntry[], justStored: boolean): number[];
  /** Takes messages out of their chunks; what is left is written in the current layout. */
  remove(byChunk: ReadonlyMap<number, ReadonlySet<number>>): void;
  clear(): void;
  /** On lock: the key made from the chat's key is wiped. */
  forget?(): void;
  /** Of these ids, the chat's messages (in the trash too), whole. */
  rows?(ids: readonly number[]): MessageRow[];
}

/** What the index reads, all of one chat. */
export interface SearchSource {
  readonly chatId: LocalChatId;
  /** The oldest messages in (or out of) the trash, by epoch then id. */
  oldest(trashed: boolean, limit: number): MessageRow[];
  /** The messages after this one on its side of the trash, by epoch then id. */
  after(row: MessageRow, limit: number): MessageRow[];
  /** Messages with ids above `afterId`, by id. */
  newSince(afterId: number, limit: number): MessageRow[];
  row(id: number): MessageRow | undefined;
  /** The highest message id of the vault when the index is made. */
  maxId(): number;
  /** Opens a row (the chat's key is needed, so the chat must be open). */
  entry(row: MessageRow): SearchEntry;
  /** Of these ids, the chat's messages (in the trash too), as [id, epoch, first 4 bytes of seen, trashed]. */
  present(ids: readonly number[]): [number, number, number, number][];
  /** While true, the background build and writes wait (an import in progress); a search does not. */
  paused?(): boolean;
  /** Absent for a chat that keeps its index in memory only: then every message is opened once. */
  readonly chunks?: ChunkSource;
}

/**
 * A run of messages as read together, with their lower-cased "author\ntext"
 * in one string (`hay`), folded once when read, so a search is `indexOf`
 * over a few hundred strings.
 */
interface Block extends TextColumns {
  readonly hay: string;
  /** Where each message starts in `hay` (one more entry: the end). */
  readonly starts: Int32Array;
  /** The same in `texts` (the same array when folding kept every length). */
  readonly textStarts: Int32Array;
  /** Absent in a block read from a chunk: a result's pointer is read from its row. */
  readonly pointers: Buffer | undefined;
  /** Where each pointer starts in `pointers` (bytes). */
  readonly pointerStarts: Int32Array | undefined;
  /** 0 outside the trash, 1 in it, 2 gone. */
  readonly state: Uint8Array;
  /** The chunk on disk holding each message; -1 when none does (yet). */
  readonly chunk: Int32Array;
  readonly min: number;
  readonly max: number;
}

/** A block with its pointers: made from rows or messages just stored, and what the chunks are written from. */
type FullBlock = Block & { readonly pointers: Buffer; readonly pointerStarts: Int32Array };
const isFull = (b: Block): b is FullBlock => b.pointers !== undefined && b.pointerStarts !== undefined;

type Phase = 'rows' | 'trash-rows' | 'chunks' | 'check' | 'verify' | 'missing' | 'write' | 'built';

/**
 * A chat's messages in memory while it is unlocked: a search looks here and
 * shows what it finds from here, never decrypting the chat again; what it
 * shows is checked against the rows (still there, outside the trash, same
 * epoch) in one query. Built in small steps after unlock (finished at once
 * if a search comes first): from the chat's sealed search chunks when it
 * has them (when their messages do not add up to the chat's count, they are
 * checked against every row: what is missing is opened one by one and
 * written back, what is gone leaves its chunk), or, for a chat without
 * chunks, by opening every message. Then caught up with newer rows by id;
 * told of new messages, trash, restore and deletion by the service; dropped
 * when the chat locks.
 */
export class SearchIndex {
  #blocks: Block[] = [];
  #phase: Phase;
  #cursor: MessageRow | undefined;
  /** Rows with ids up to this one are read (or were there before the build began). */
  #readTo: number;
  /** Trashed or restored while a build by rows was under way and not yet read: read again at its end. */
  readonly #recheck = new Set<number>();
  /** The ids a build by rows has read (it may meet a message twice). */
  readonly #read = new Set<number>();
  #dropped = false;
  readonly #source: SearchSource;
  #chunkList: number[] = [];
  #chunkAt = 0;
  /** While checking chunks against the rows: id to block * 65536 + slot, and what the rows confirmed. */
  #verifyMap: Map<number, number> | undefined;
  #checked: Uint8Array[] = [];
  #verifyAfter: [number, number, number] = [-1, 0, 0];
  #missing: number[] = [];
  #missingAt = 0;
  /** Messages just stored, not yet in a block. */
  #pending: SearchEntry[] = [];
  /** The highest id known here: a new message below it means an id given again. */
  #maxId = Number.NEGATIVE_INFINITY;
  /** Blocks with messages no chunk holds yet: written in the background, a chunk's worth a step. */
  #unwritten: FullBlock[] = [];
  /** Chunks of an older layout: written again in the current one in the background, one a step. */
  #relayout: number[] = [];
  #looping = false;
  /** Background steps failed in a row (a vault busy in another process); reset by a step that works. */
  #failures = 0;
  /** Blocks from here on were added while the rows were being checked. */
  #verifyFrom = 0;
  /** Messages to take out of chunks on disk, and chunks that did not open. */
  readonly #stale = new Map<number, Set<number>>();
  readonly #damaged: number[] = [];

  constructor(source: SearchSource) {
    this.#source = source;
    this.#readTo = source.maxId();
    this.#phase = source.chunks ? 'chunks' : 'rows';
    if (source.chunks) this.#chunkList = source.chunks.numbers();
  }

  /** Does one step of the build (or of catching up); false once nothing is left to do. */
  step(limit = STEP): boolean {
    if (this.#dropped) return false;
    switch (this.#phase) {
      case 'rows':
      case 'trash-rows':
        return this.#stepRows(limit);
      case 'chunks':
        return this.#stepChunks(Math.max(1, Math.round(limit / STEP)));
      case 'check':
        return this.#stepCheck();
      case 'verify':
        return this.#stepVerify();
      case 'missing':
        return this.#stepMissing(limit);
      case 'write':
        return this.#stepWrite();
      case 'built': {
        const rows = this.#source.newSince(this.#readTo, limit);
        for (const r of rows) this.#readTo = Math.max(this.#readTo, r.id);
        this.#materialize();
        const fresh = rows.filter((r) => !this.#slot(r.id));
        if (fresh.length > 0) this.#toWrite(this.#addRows(fresh));
        return rows.length === limit;
      }
    }
  }

  #addRows(rows: readonly MessageRow[]): FullBlock {
    const b = this.#addBlock(columnsOf(rows.map((r) => this.#source.entry(r))), -1);
    for (const [i, r] of rows.entries()) b.state[i] = r.trashed === 1 ? 1 : 0;
    return b;
  }

  #stepRows(limit: number): boolean {
    const src = this.#source;
    const trash = this.#phase === 'trash-rows';
    const rows = this.#cursor ? src.after(this.#cursor, limit) : src.oldest(trash, limit);
    const fresh = rows.filter((r) => !this.#read.has(r.id));
    for (const r of fresh) this.#read.add(r.id);
    if (fresh.length > 0) this.#addRows(fresh);
    this.#cursor = rows.at(-1);
    if (rows.length < limit) {
      this.#cursor = undefined;
      if (trash) this.#finishRows();
      else this.#phase = 'trash-rows';
    }
    return true;
  }

  #finishRows(): void {
    this.#phase = 'built';
    this.#read.clear();
    const rows: MessageRow[] = [];
    for (const id of this.#recheck) {
      const r = this.#source.row(id);
      if (!r) continue;
      const s = this.#slot(r.id);
      if (s) s.b.state[s.i] = r.trashed === 1 ? 1 : 0;
      else rows.push(r);
    }
    this.#recheck.clear();
    if (rows.length > 0) this.#addRows(rows);
  }

  #stepChunks(count: number): boolean {
    const chunks = this.#source.chunks as ChunkSource;
    for (let k = 0; k < count && this.#chunkAt < this.#chunkList.length; k++) {
      const n = this.#chunkList[this.#chunkAt++] as number;
      const c = chunks.open(n);
      if (c) this.#addBlock(c, n);
      else this.#damaged.push(n);
      if (c?.old) this.#relayout.push(n);
    }
    if (this.#chunkAt >= this.#chunkList.length) this.#phase = 'check';
    return true;
  }

  /** Chunks that hold as many messages as the chat are taken as they are (and each result is checked). */
  #stepCheck(): boolean {
    const chunks = this.#source.chunks as ChunkSource;
    this.#materialize();
    let held = 0;
    for (const b of this.#blocks) for (let i = 0; i < b.count; i++) if (b.state[i] !== 2) held++;
    if (this.#damaged.length === 0 && held === chunks.count()) {
      for (const id of chunks.trashedIds()) {
        const s = this.#slot(id);
        if (s) s.b.state[s.i] = 1;
      }
      this.#phase = 'built';
      return true;
    }
    this.#verifyMap = new Map();
    this.#verifyFrom = this.#blocks.length;
    this.#checked = this.#blocks.map((b) => new Uint8Array(b.count));
    for (const [k, b] of this.#blocks.entries())
      for (let i = 0; i < b.count; i++)
        if (b.state[i] !== 2) this.#verifyMap.set(b.ids[i] as number, k * 65536 + i);
    this.#phase = 'verify';
    return true;
  }

  #stepVerify(): boolean {
    const rows = (this.#source.chunks as ChunkSource).states(this.#verifyAfter);
    const map = this.#verifyMap as Map<number, number>;
    for (const [id, epoch, trashed] of rows) {
      const w = map.get(id);
      if (w !== undefined) {
        const b = this.#blocks[Math.floor(w / 65536)] as Block;
        const i = w % 65536;
        if (b.epochs[i] === epoch && b.state[i] !== 2) {
          b.state[i] = trashed === 1 ? 1 : 0;
          (this.#checked[Math.floor(w / 65536)] as Uint8Array)[i] = 1;
          continue;
        }
        this.#drop(b, i, true);
      }
      this.#missing.push(id);
    }
    const last = rows.at(-1);
    if (last) this.#verifyAfter = [last[2], last[1], last[0]];
    if (rows.length < 4096) {
      // What the rows did not confirm was deleted (or read twice) since its chunk was written. Blocks added
      // since the check began came from the inserts themselves.
      for (const [k, checked] of this.#checked.entries()) {
        const b = this.#blocks[k] as Block;
        for (let i = 0; i < b.count; i++) if (checked[i] === 0 && b.state[i] !== 2) this.#drop(b, i, true);
      }
      this.#verifyMap = undefined;
      this.#checked = [];
      // Messages stored meanwhile are known already.
      this.#materialize();
      const since = new Set(this.#blocks.slice(this.#verifyFrom).flatMap((b) => [...b.ids]));
      this.#missing = this.#missing.filter((id) => !since.has(id));
      this.#phase = 'missing';
    }
    return true;
  }

  #stepMissing(limit: number): boolean {
    const ids = this.#missing.slice(this.#missingAt, this.#missingAt + limit);
    this.#missingAt += ids.length;
    const rows = ids.map((id) => this.#source.row(id)).filter((r): r is MessageRow => r !== undefined);
    if (rows.length > 0) this.#toWrite(this.#addRows(rows));
    if (this.#missingAt >= this.#missing.length) {
      this.#missing = [];
      this.#phase = 'write';
    }
    return true;
  }

  /** Mends the chunks on disk (what is stale or damaged); what they lack is written in the background. */
  #stepWrite(): boolean {
    for (const n of this.#damaged.splice(0)) this.#stale.set(n, new Set());
    this.#mend();
    this.#phase = 'built';
    return true;
  }

  #toWrite(b: FullBlock): void {
    if (this.#source.chunks) this.#unwritten.push(b);
  }

  /**
   * Messages just stored become blocks (searched from now on, and written to
   * chunks later); in the background a block a step, so an import of
   * 100,000 does not hold the event loop.
   */
  #materialize(most = Number.POSITIVE_INFINITY): void {
    let k = 0;
    for (; k < this.#pending.length && k < most; k += BLOCK_MAX)
      this.#toWrite(this.#addBlock(columnsOf(this.#pending.slice(k, k + BLOCK_MAX)), -1));
    this.#pending = k >= this.#pending.length ? [] : this.#pending.slice(k);
  }

  /**
   * Writes up to a chunk's worth of messages no chunk holds yet, once the
   * build is done; a message whose row is not there (its transaction rolled
   * back) is let go. False when nothing is left to write.
   */
  #flushStep(evenIfBuilding = false): boolean {
    const chunks = this.#source.chunks;
    if (this.#dropped || !chunks || (this.#phase !== 'built' && !evenIfBuilding)) return false;
    this.#mend();
    // Not while locking: a chunk of the older layout still opens.
    const old = evenIfBuilding ? undefined : this.#relayout.shift();
    if (old !== undefined) {
      chunks.remove(new Map([[old, new Set()]]));
      return true;
    }
    if (this.#unwritten.length === 0) this.#materialize(BLOCK_MAX);
    const b = this.#unwritten[0];
    if (!b) return false;
    const slots: number[] = [];
    for (let i = 0; i < b.count && slots.length < BLOCK_MAX; i++)
      if (b.state[i] !== 2 && b.chunk[i] === -1) slots.push(i);
    if (slots.length === 0) {
      this.#unwritten.shift();
      return true;
    }
    const rows = new Map(this.#source.present(slots.map((i) => b.ids[i] as number)).map((r) => [r[0], r]));
    const ok = slots.filter((i) => {
      const r = rows.get(b.ids[i] as number);
      if (r && r[1] === b.epochs[i] && r[2] === b.seen[i]) return true;
      this.#drop(b, i, false);
      return false;
    });
    const at = chunks.append(
      ok.map((i) => entryAt(b, b.textStarts, b.pointerStarts, i)),
      false,
    );
    for (const [k, i] of ok.entries()) b.chunk[i] = at[k] as number;
    return true;
  }

  #mend(): void {
    if (this.#stale.size === 0) return;
    this.#source.chunks?.remove(this.#stale);
    this.#stale.clear();
  }

  /** Messages start outside the trash; the caller sets what it knows. */
  #addBlock(c: EntryColumns, chunk: number | readonly number[]): FullBlock;
  #addBlock(c: ChunkColumns, chunk: number | readonly number[]): Block;
  #addBlock(c: ChunkColumns, chunk: number | readonly number[]): Block {
    const hay = c.texts.toLocaleLowerCase();
    const textStarts = startsOf(c.texts, c.count);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const id of c.ids) {
      if (id < min) min = id;
      if (id > max) max = id;
    }
    const b: Block = {
      ...c,
      hay,
      textStarts,
      starts: hay.length === c.texts.length ? textStarts : startsOf(hay, c.count),
      pointers: c.pointers,
      pointerStarts: c.pointers && byteStartsOf(c.pointers, c.count),
      state: new Uint8Array(c.count),
      chunk: new Int32Array(c.count).fill(typeof chunk === 'number' ? chunk : -1),
      min,
      max,
    };
    if (typeof chunk !== 'number') b.chunk.set(chunk);
    this.#maxId = Math.max(this.#maxId, max);
    this.#blocks.push(b);
    return b;
  }

  /** A slot no longer a message; with `onDisk`, its chunk is mended too. */
  #drop(b: Block, i: number, onDisk: boolean): void {
    b.state[i] = 2;
    const n = b.chunk[i] as number;
    if (onDisk && n >= 0)
      this.#stale.set(n, (this.#stale.get(n) ?? new Set<number>()).add(b.ids[i] as number));
  }

  /** Builds in the background, a step per turn of the event loop, then writes what chunks lack; until done or dropped. */
  buildInBackground(): void {
    if (this.#looping) return;
    this.#looping = true;
    const next = () => {
      if (this.#source.paused?.()) {
        // An import is storing batches: its writer holds the disk, and its messages come here by
        // added() as each batch commits. The build goes on once it is done.
        this.#looping = false;
        if (!this.#dropped) setTimeout(() => this.buildInBackground(), PAUSE_MS);
        return;
      }
      let more: boolean;
      try {
        more = this.step() || this.#flushStep();
        this.#failures = 0;
      } catch {
        // Background work never takes the process down: another process (clm beside the app) may
        // hold the vault's write lock past the busy timeout. Tried again a little later, a few
        // times; what is not written meanwhile is searched from memory, and the next unlock
        // finds the chunks short of the chat and mends them.
        this.#looping = false;
        if (!this.#dropped && ++this.#failures <= RETRIES)
          setTimeout(() => this.buildInBackground(), RETRY_MS);
        return;
      }
      if (more) setImmediate(next);
      else this.#looping = false;
    };
    setImmediate(next);
  }

  /**
   * Messages just stored (the caller holds the transaction): searched from
   * now on, and written to the chat's chunks in the background after it (a
   * batch of 100,000 sends writes each chunk once). Lost with a crash before
   * that, they are read again at the next unlock (the chunks then fall short
   * of the chat's count).
   */
  added(entries: readonly SearchEntry[]): void {
    if (this.#dropped || entries.length === 0) return;
    let firstNew = Number.POSITIVE_INFINITY;
    for (const e of entries) firstNew = Math.min(firstNew, e.id);
    if (firstNew <= this.#maxId) {
      // SQLite gives ids above the highest there is: a message known here at or above the first new id is gone.
      this.#materialize();
      for (const b of this.#blocks)
        if (b.max >= firstNew)
          for (let i = 0; i < b.count; i++)
            if ((b.ids[i] as number) >= firstNew && b.state[i] !== 2) this.#drop(b, i, true);
    }
    for (const e of entries) {
      this.#pending.push(e);
      this.#maxId = Math.max(this.#maxId, e.id);
    }
    this.buildInBackground();
  }

  /**
   * Whether the message with this id was sent from here (its body's
   * direction), as the index holds it; undefined when the index does not hold
   * it (yet). An import's duplicates are told apart by this without opening
   * each one's body.
   */
  sentOf(id: number): boolean | undefined {
    for (const b of this.#blocks) {
      if (id < b.min || id > b.max) continue;
      const i = b.ids.indexOf(id);
      if (i >= 0 && b.state[i] !== 2) return b.sent[i] === 1;
    }
    return undefined;
  }

  /**
   * Messages outside the trash whose author or text holds every word
   * (lower-cased), oldest first, as the vault holds them; the first `limit`.
   */
  search(words: readonly string[], limit = Number.POSITIVE_INFINITY, again = true): MessageView[] {
    while (this.step(RUSH));
    this.#materialize();
    this.#mend();
    if (words.length === 0 || words.some((w) => w.includes(SEP))) return [];
    // Scan for the rarest word (judged on the first blocks), then check the others in each message found.
    const [first, ...rest] = [...words].sort((a, b) => this.#sample(a) - this.#sample(b));
    if (first === undefined) return [];
    const found: { b: Block; i: number }[] = [];
    for (const b of this.#blocks) {
      let slot = 0;
      const hay = b.hay;
      for (let at = hay.indexOf(first); at >= 0; at = hay.indexOf(first, at + 1)) {
        // The message holding this match: starts are ascending, and matches come in order.
        while ((b.starts[slot + 1] as number) <= at) slot++;
        const end = (b.starts[slot + 1] as number) - 1;
        if (b.state[slot] === 0 && rest.every((w) => hay.slice(b.starts[slot], end).includes(w)))
          found.push({ b, i: slot });
        at = end;
      }
    }
    found.sort(
      (x, y) =>
        (x.b.epochs[x.i] as number) - (y.b.epochs[y.i] as number) ||
        (x.b.ids[x.i] as number) - (y.b.ids[y.i] as number),
    );
    // Checked against their rows in order, a batch at a time, until `limit` are shown.
    const shown = new Set<number>();
    const stale: number[] = [];
    const out: { b: Block; i: number }[] = [];
    const whole = new Map<number, MessageRow>();
    for (let k = 0; k < found.length && out.length < limit; ) {
      const batch = found.slice(k, k + Math.max(limit - out.length, 64));
      k += batch.length;
      const rows = this.#rowFacts(batch, whole);
      for (const f of batch) {
        const id = f.b.ids[f.i] as number;
        const row = rows.get(id);
        if (row === undefined || row[3] !== 0 || shown.has(id)) continue;
        if (row[1] !== f.b.epochs[f.i] || row[2] !== f.b.seen[f.i]) {
          // Another message under this id (given again, or a chunk put back from an older copy): read anew.
          this.#drop(f.b, f.i, true);
          stale.push(id);
          continue;
        }
        shown.add(id);
        out.push(f);
        if (out.length === limit) break;
      }
    }
    if (stale.length > 0 && again) {
      const rows = stale.map((id) => this.#source.row(id)).filter((r): r is MessageRow => r !== undefined);
      this.#mend();
      if (rows.length > 0) this.#toWrite(this.#addRows(rows));
      return this.search(words, limit, false);
    }
    const chat = this.#source.chatId;
    return out.flatMap(({ b, i }) => {
      const e = this.#entry(b, i, whole);
      return e ? [viewOf(chat, e, false)] : [];
    });
  }

  /**
   * The rows of these results as [id, epoch, first 4 bytes of seen, trashed];
   * read whole (into `whole`) for those whose block holds no pointers, so
   * each row is read once whether or not it is shown.
   */
  #rowFacts(found: readonly { b: Block; i: number }[], whole: Map<number, MessageRow>) {
    const chunks = this.#source.chunks;
    const idOf = ({ b, i }: { b: Block; i: number }) => b.ids[i] as number;
    const lean = chunks?.rows ? found.filter((f) => isFull(f.b)) : found;
    const facts = new Map(this.#source.present(lean.map(idOf)).map((r) => [r[0], r]));
    if (lean.length === found.length || !chunks?.rows) return facts;
    for (const r of chunks.rows(found.filter((f) => !isFull(f.b)).map(idOf))) {
      whole.set(r.id, r);
      facts.set(r.id, [r.id, r.epoch, r.seen.readUInt32LE(0), r.trashed]);
    }
    return facts;
  }

  /**
   * Message i of a block as a search shows it. A block read from a chunk
   * holds no pointers: the message's row (checked to be this message) is
   * opened, a few hundred at most a search.
   */
  #entry(b: Block, i: number, whole: ReadonlyMap<number, MessageRow>): SearchEntry | undefined {
    if (isFull(b)) return entryAt(b, b.textStarts, b.pointerStarts, i);
    const id = b.ids[i] as number;
    const row = whole.get(id) ?? this.#source.row(id);
    return row && this.#source.entry(row);
  }

  /** How often a word occurs in the first few thousand messages. */
  #sample(word: string): number {
    let n = 0;
    for (const b of this.#blocks.slice(0, 8)) {
      for (let at = b.hay.indexOf(word); at >= 0 && n < 10_000; at = b.hay.indexOf(word, at + word.length))
        n++;
    }
    return n;
  }

  /** The live copy of a message, newest block first. */
  #slot(id: number): { b: Block; i: number } | undefined {
    for (let k = this.#blocks.length - 1; k >= 0; k--) {
      const b = this.#blocks[k] as Block;
      if (id < b.min || id > b.max) continue;
      for (let i = b.ids.indexOf(id); i >= 0; i = b.ids.indexOf(id, i + 1))
        if (b.state[i] !== 2) return { b, i };
    }
    return undefined;
  }

  trashed(id: number, trashed: boolean): void {
    this.#materialize();
    const s = this.#slot(id);
    if (s) s.b.state[s.i] = trashed ? 1 : 0;
    if (this.#phase === 'rows' || this.#phase === 'trash-rows') this.#recheck.add(id);
  }

  /** Messages deleted for good (after their rows): out of memory, and out of their chunks. */
  deleted(ids: readonly number[]): void {
    this.#materialize();
    for (const id of ids) {
      this.#recheck.delete(id);
      const s = this.#slot(id);
      if (!s) continue;
      this.#drop(s.b, s.i, true);
      // An id may be given again to a new message: it is read again.
      this.#readTo = Math.min(this.#readTo, id - 1);
    }
    if (this.#phase === 'built') this.#mend();
  }

  /** The trash emptied: its messages are gone. */
  emptiedTrash(): void {
    this.#materialize();
    const gone: number[] = [];
    for (const b of this.#blocks)
      for (let i = 0; i < b.count; i++) if (b.state[i] === 1) gone.push(b.ids[i] as number);
    this.deleted(gone);
  }

  /** Every message deleted. */
  cleared(): void {
    this.#reset();
    this.#source.chunks?.clear();
    this.#phase = 'built';
    this.#readTo = 0;
  }

  #reset(): void {
    for (const b of this.#blocks) b.pointers?.fill(0);
    this.#blocks = [];
    this.#read.clear();
    this.#recheck.clear();
    this.#stale.clear();
    this.#damaged.length = 0;
    this.#missing = [];
    this.#pending = [];
    this.#unwritten = [];
    this.#maxId = Number.NEGATIVE_INFINITY;
    this.#chunkList = [];
    this.#relayout = [];
    this.#verifyMap = undefined;
    this.#checked = [];
  }

  /** On lock or logout: the opened texts are let go (strings cannot be overwritten; the pointers' bytes are). */
  drop(): void {
    // What the chunks lack is written while the key is still here; a lock never fails for it
    // (a vault busy in another process leaves them short, mended at the next unlock).
    try {
      while (this.#flushStep(true));
    } catch {}
    this.#dropped = true;
    this.#reset();
    this.#source.chunks?.forget?.();
  }
}

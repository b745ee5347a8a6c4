import type { MessageView } from '../../src-shared/types.js';
import type { MessageRow } from '../vault/rows.js';

/** Rows read per step while the index is built in the background: a few milliseconds each. */
const STEP = 100;
/** Rows read per step when a search is waiting for the index. */
const RUSH = 2000;
/** Ends one message's text in a block; never in a lower-cased author or text that a search matches across. */
const SEP = '\u0000';

/**
 * A run of messages as read together: their lower-cased "author\ntext" joined
 * in one string, with typed arrays beside it. Few objects however big the
 * chat, so holding 100,000 messages costs the garbage collector almost nothing.
 */
interface Block {
  readonly hay: string;
  /** Where each message's text starts in `hay` (one more entry: the end). */
  readonly starts: Int32Array;
  readonly ids: Float64Array;
  readonly epochs: Float64Array;
  /** 0 outside the trash, 1 in it, 2 deleted. */
  readonly state: Uint8Array;
}

/** What the index reads, all of one chat. */
export interface SearchSource {
  /** The oldest messages in (or out of) the trash, by epoch then id. */
  oldest(trashed: boolean, limit: number): MessageRow[];
  /** The messages after this one on its side of the trash, by epoch then id. */
  after(row: MessageRow, limit: number): MessageRow[];
  /** Messages with ids above `afterId`, by id. */
  newSince(afterId: number, limit: number): MessageRow[];
  row(id: number): MessageRow | undefined;
  /** The highest message id of the vault when the index is made. */
  maxId(): number;
  /** Opens a row as the service shows it (the chat's key is needed, so the chat must be open). */
  view(row: MessageRow): MessageView;
}

/**
 * A chat's messages, opened once, in memory while the chat is unlocked: a
 * search looks here instead of decrypting the whole chat again, and opens only
 * the messages it found. Built in small steps after unlock along the chat's
 * own index (finished at once if a search comes first), then caught up with
 * newer rows by id; told of trash, restore and deletion by the service;
 * dropped when the chat locks. Nothing of it is written anywhere.
 */
export class SearchIndex {
  #blocks: Block[] = [];
  /** Message id to its block and slot (block * 65536 + slot). */
  readonly #where = new Map<number, number>();
  /** 0: reading messages outside the trash, 1: in the trash, 2: built (then only newer rows). */
  #phase = 0;
  #cursor: MessageRow | undefined;
  /** Rows with ids up to this one are read (or were there before the build began). */
  #readTo: number;
  /** Trashed or restored while the build was under way and not yet read: read again at its end. */
  readonly #recheck = new Set<number>();
  #dropped = false;
  readonly #source: SearchSource;

  constructor(source: SearchSource) {
    this.#source = source;
    this.#readTo = source.maxId();
  }

  /** Reads one step of rows; false once nothing is left to read. */
  step(limit = STEP): boolean {
    if (this.#dropped) return false;
    const src = this.#source;
    if (this.#phase < 2) {
      const rows = this.#cursor ? src.after(this.#cursor, limit) : src.oldest(this.#phase === 1, limit);
      this.#add(rows);
      this.#cursor = rows.at(-1);
      if (rows.length < limit) {
        this.#phase++;
        this.#cursor = undefined;
        if (this.#phase === 2) this.#finishBuild();
      }
      return true;
    }
    const rows = src.newSince(this.#readTo, limit);
    for (const r of rows) this.#readTo = Math.max(this.#readTo, r.id);
    this.#add(rows);
    return rows.length === limit;
  }

  #finishBuild(): void {
    const rows: MessageRow[] = [];
    for (const id of this.#recheck) {
      const r = this.#source.row(id);
      if (r) rows.push(r);
    }
    this.#recheck.clear();
    this.#add(rows);
  }

  #add(all: readonly MessageRow[]): void {
    // Read twice (a build pass and a catch-up): the slot held is current.
    const rows = all.filter((r) => !this.#where.has(r.id));
    if (rows.length === 0) return;
    const n = rows.length;
    const b: Omit<Block, 'hay'> = {
      starts: new Int32Array(n + 1),
      ids: new Float64Array(n),
      epochs: new Float64Array(n),
      state: new Uint8Array(n),
    };
    const parts: string[] = [];
    let at = 0;
    const blockNo = this.#blocks.length;
    for (const [i, row] of rows.entries()) {
      const v = this.#source.view(row);
      const text = `${v.author}\n${v.text}`.toLocaleLowerCase().replaceAll(SEP, ' ');
      b.starts[i] = at;
      b.ids[i] = row.id;
      b.epochs[i] = row.epoch;
      b.state[i] = row.trashed === 1 ? 1 : 0;
      parts.push(text);
      at += text.length + 1;
      this.#where.set(row.id, blockNo * 65536 + i);
    }
    b.starts[n] = at;
    this.#blocks.push({ ...b, hay: parts.join(SEP) + SEP });
  }

  /** Builds in the background, a step per turn of the event loop, until done or dropped. */
  buildInBackground(): void {
    const next = () => {
      if (this.step()) setImmediate(next);
    };
    setImmediate(next);
  }

  /**
   * Messages outside the trash whose author or text holds every word
   * (lower-cased), oldest first; only these are opened from the vault.
   */
  search(words: readonly string[]): MessageView[] {
    while (this.step(RUSH));
    if (words.length === 0 || words.some((w) => w.includes(SEP))) return [];
    // Scan for the rarest word (judged on the first blocks), then check the others in each message found.
    const [first, ...rest] = [...words].sort((a, b) => this.#sample(a) - this.#sample(b));
    if (first === undefined) return [];
    const found: { id: number; epoch: number }[] = [];
    for (const b of this.#blocks) {
      let slot = 0;
      for (let at = b.hay.indexOf(first); at >= 0; at = b.hay.indexOf(first, at + 1)) {
        // The message holding this match: starts are ascending, and matches come in order.
        while ((b.starts[slot + 1] as number) <= at) slot++;
        const end = (b.starts[slot + 1] as number) - 1;
        if (b.state[slot] === 0) {
          const text = b.hay.slice(b.starts[slot], end);
          if (rest.every((w) => text.includes(w)))
            found.push({ id: b.ids[slot] as number, epoch: b.epochs[slot] as number });
        }
        at = end;
      }
    }
    found.sort((x, y) => x.epoch - y.epoch || x.id - y.id);
    const out: MessageView[] = [];
    for (const f of found) {
      const row = this.#source.row(f.id);
      if (row && row.trashed === 0) out.push(this.#source.view(row));
    }
    return out;
  }

  /** How often a word occurs in the first few thousand messages. */
  #sample(word: string): number {
    let n = 0;
    for (const b of this.#blocks.slice(0, 3)) {
      for (let at = b.hay.indexOf(word); at >= 0 && n < 10_000; at = b.hay.indexOf(word, at + word.length))
        n++;
    }
    return n;
  }

  #slot(id: number): { b: Block; i: number } | undefined {
    const w = this.#where.get(id);
    if (w === undefined) return undefined;
    return { b: this.#blocks[Math.floor(w / 65536)] as Block, i: w % 65536 };
  }

  trashed(id: number, trashed: boolean): void {
    const s = this.#slot(id);
    if (s) s.b.state[s.i] = trashed ? 1 : 0;
    else if (this.#phase < 2) this.#recheck.add(id);
  }

  /** Messages deleted for good; an id may be given again to a new message, so it is read again. */
  deleted(ids: readonly number[]): void {
    for (const id of ids) {
      this.#recheck.delete(id);
      const s = this.#slot(id);
      if (!s) continue;
      s.b.state[s.i] = 2;
      this.#where.delete(id);
      this.#readTo = Math.min(this.#readTo, id - 1);
    }
  }

  /** The trash emptied: its messages are gone. */
  emptiedTrash(): void {
    const gone: number[] = [];
    for (const b of this.#blocks)
      for (let i = 0; i < b.state.length; i++) if (b.state[i] === 1) gone.push(b.ids[i] as number);
    this.deleted(gone);
  }

  /** Every message deleted. */
  cleared(): void {
    this.#blocks = [];
    this.#where.clear();
    this.#recheck.clear();
    this.#phase = 2;
    this.#readTo = 0;
  }

  /** On lock or logout: the opened texts are let go (JavaScript strings cannot be overwritten). */
  drop(): void {
    this.#dropped = true;
    this.#blocks = [];
    this.#where.clear();
    this.#recheck.clear();
  }
}

import type { MessageView } from '../../src-shared/types.js';
import type { MessageRow } from '../vault/rows.js';

/** Rows read per step while the index is built in the background: a few milliseconds each. */
const STEP = 100;
/** Rows read per step when a search is waiting for the index. */
const RUSH = 2000;

interface Entry {
  readonly id: number;
  readonly epoch: number;
  trashed: boolean;
  /** Author and text, lower-cased: what a query's words are looked for in. */
  readonly hay: string;
  readonly view: MessageView;
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

const byTime = (a: Entry, b: Entry) => a.epoch - b.epoch || a.id - b.id;

/**
 * A chat's messages, opened once, in memory while the chat is unlocked: a
 * search looks here instead of decrypting the chat again. Built in small
 * steps after unlock along the chat's own index (finished at once if a search
 * comes first), then caught up with newer rows by id; told of trash, restore
 * and deletion by the service; dropped when the chat locks. Nothing of it is
 * written anywhere.
 */
export class SearchIndex {
  #entries: Entry[] = [];
  readonly #byId = new Map<number, Entry>();
  #sorted = true;
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

  #add(rows: readonly MessageRow[]): void {
    for (const row of rows) {
      // Read twice (a build pass and a catch-up): the entry held is current.
      if (this.#byId.has(row.id)) continue;
      const view = this.#source.view(row);
      const e: Entry = {
        id: row.id,
        epoch: row.epoch,
        trashed: row.trashed === 1,
        hay: `${view.author}\n${view.text}`.toLocaleLowerCase(),
        view,
      };
      const last = this.#entries.at(-1);
      if (last && byTime(last, e) > 0) this.#sorted = false;
      this.#entries.push(e);
      this.#byId.set(e.id, e);
    }
  }

  /** Builds in the background, a step per turn of the event loop, until done or dropped. */
  buildInBackground(): void {
    const next = () => {
      if (this.step()) setImmediate(next);
    };
    setImmediate(next);
  }

  /** Messages outside the trash whose author or text holds every word (lower-cased), oldest first. */
  search(words: readonly string[]): MessageView[] {
    while (this.step(RUSH));
    if (!this.#sorted) {
      this.#entries.sort(byTime);
      this.#sorted = true;
    }
    const found: MessageView[] = [];
    for (const e of this.#entries) {
      if (e.trashed) continue;
      if (words.every((w) => e.hay.includes(w)))
        found.push(e.view.deleted ? { ...e.view, deleted: false } : e.view);
    }
    return found;
  }

  /** The message as read, if the index holds it already. */
  held(id: number): MessageView | undefined {
    return this.#byId.get(id)?.view;
  }

  trashed(id: number, trashed: boolean): void {
    const e = this.#byId.get(id);
    if (e) e.trashed = trashed;
    else if (this.#phase < 2) this.#recheck.add(id);
  }

  /** Messages deleted for good; an id may be given again to a new message, so it is read again. */
  deleted(ids: readonly number[]): void {
    for (const id of ids) {
      this.#recheck.delete(id);
      if (!this.#byId.delete(id)) continue;
      this.#readTo = Math.min(this.#readTo, id - 1);
    }
    const gone = new Set(ids);
    this.#entries = this.#entries.filter((e) => !gone.has(e.id));
  }

  /** The trash emptied: its messages are gone. */
  emptiedTrash(): void {
    this.deleted(this.#entries.filter((e) => e.trashed).map((e) => e.id));
  }

  /** Every message deleted. */
  cleared(): void {
    this.#entries = [];
    this.#byId.clear();
    this.#recheck.clear();
    this.#phase = 2;
    this.#readTo = 0;
  }

  /** On lock or logout: the opened texts are let go (JavaScript strings cannot be overwritten). */
  drop(): void {
    this.#dropped = true;
    this.#entries = [];
    this.#byId.clear();
    this.#recheck.clear();
  }
}

import type { MessageView } from '../../src-shared/types.js';
import type { MessageRow } from '../vault/rows.js';

/** Rows read per step while the index is built in the background: a few milliseconds each. */
const STEP = 250;

interface Entry {
  readonly id: number;
  readonly epoch: number;
  trashed: boolean;
  /** Author and text, lower-cased: what a query's words are looked for in. */
  readonly hay: string;
  readonly view: MessageView;
}

export interface SearchSource {
  /** The chat's messages (trash included) with ids above `afterId`, by id, at most `limit`. */
  rowsAfter(afterId: number, limit: number): MessageRow[];
  /** Opens a row as the service shows it (the chat's key is needed, so the chat must be open). */
  view(row: MessageRow): MessageView;
}

const byTime = (a: Entry, b: Entry) => a.epoch - b.epoch || a.id - b.id;

/**
 * A chat's messages, opened once, in memory while the chat is unlocked: a
 * search looks here instead of decrypting the chat again. Built in small
 * steps after unlock (finished at once if a search comes first), caught up
 * with new messages when searched, told of trash, restore and deletion by the
 * service, and dropped when the chat locks. Nothing of it is written anywhere.
 */
export class SearchIndex {
  #entries: Entry[] = [];
  readonly #byId = new Map<number, Entry>();
  /** Every message of the chat with an id up to this one has been read. */
  #readTo = 0;
  #dropped = false;
  readonly #source: SearchSource;

  constructor(source: SearchSource) {
    this.#source = source;
  }

  /** Reads one step of rows; false once nothing was left to read. */
  step(limit = STEP): boolean {
    if (this.#dropped) return false;
    const rows = this.#source.rowsAfter(this.#readTo, limit);
    let ordered = true;
    for (const row of rows) {
      const view = this.#source.view(row);
      const old = this.#byId.get(row.id);
      if (old) this.#entries.splice(this.#entries.indexOf(old), 1);
      const e: Entry = {
        id: row.id,
        epoch: row.epoch,
        trashed: row.trashed === 1,
        hay: `${view.author}\n${view.text}`.toLocaleLowerCase(),
        view,
      };
      const last = this.#entries.at(-1);
      if (last && byTime(last, e) > 0) ordered = false;
      this.#entries.push(e);
      this.#byId.set(e.id, e);
      this.#readTo = row.id;
    }
    if (!ordered) this.#entries.sort(byTime);
    return rows.length === limit;
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
    while (this.step(4 * STEP));
    const found: MessageView[] = [];
    for (const e of this.#entries) {
      if (e.trashed) continue;
      if (words.every((w) => e.hay.includes(w)))
        found.push(e.view.deleted ? { ...e.view, deleted: false } : e.view);
    }
    return found;
  }

  trashed(id: number, trashed: boolean): void {
    const e = this.#byId.get(id);
    if (e) e.trashed = trashed;
  }

  /** Messages deleted for good; an id may be given again to a new message, so it is read again. */
  deleted(ids: readonly number[]): void {
    for (const id of ids) {
      const e = this.#byId.get(id);
      if (!e) continue;
      this.#byId.delete(id);
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
    this.#readTo = 0;
  }

  /** On lock or logout: the opened texts are let go (JavaScript strings cannot be overwritten). */
  drop(): void {
    this.#dropped = true;
    this.cleared();
  }
}

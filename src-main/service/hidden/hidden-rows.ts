import { wipe } from '../../core/bytes.js';
import type { CellStore } from '../../vault/cell-store.js';
import type { MessageRow } from '../../vault/rows.js';
import type { ChatRows } from '../chat-rows.js';
import { decodeCell, encodeUnit, type Frame, joinFrames, KIND_MESSAGE, KIND_RECORD } from './cell-codec.js';
import { cellTag, type HiddenKeys, openCell, recordTag, sealCell, wipeHiddenKeys } from './hidden-keys.js';
import {
  decodeMessage,
  decodeRecord,
  encodeMessage,
  encodeRecord,
  type HiddenRecord,
} from './hidden-record.js';

/** Sort order of a chat's messages: epoch, then id. */
const cmp = (a: MessageRow, b: MessageRow): number => a.epoch - b.epoch || a.id - b.id;

/** The first index in `arr` whose row sorts at or after (`strict`: after) `m`. */
function bound(arr: readonly MessageRow[], m: MessageRow, strict: boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = cmp(arr[mid] as MessageRow, m);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * An open hidden chat: its record, its messages in memory, and its keys. Every
 * write goes to the cells first, in a transaction (nested in the caller's
 * when there is one), and only then to memory: what is reported stored is in
 * the vault. Deleting turns cells into chaff, so the number of cells never falls.
 */
export class HiddenChat implements ChatRows {
  readonly #cells: CellStore;
  readonly #keys: HiddenKeys;
  readonly record: HiddenRecord;
  /** How many cells the record takes now. */
  #recordParts: number;
  readonly #rows = new Map<number, MessageRow>();
  readonly #sides: [MessageRow[], MessageRow[]] = [[], []];
  readonly #cellsOf = new Map<number, number[]>();
  readonly #bySeen = new Map<string, number>();

  private constructor(cells: CellStore, keys: HiddenKeys, record: HiddenRecord, recordParts: number) {
    this.#cells = cells;
    this.#keys = keys;
    this.record = record;
    this.#recordParts = recordParts;
  }

  get id(): number {
    return this.record.id;
  }

  /** Whether these keys are this chat's (the same secret opened it). */
  hasKeys(keys: HiddenKeys): boolean {
    return Buffer.from(recordTag(keys)).equals(recordTag(this.#keys));
  }

  /** Whether a record exists under these keys' tag: the secret already locates a hidden chat. */
  static exists(cells: CellStore, keys: HiddenKeys): boolean {
    return cells.box(recordTag(keys)) !== undefined;
  }

  /** A new chat's record written to the cells (the caller holds the transaction when it adds more). */
  static create(cells: CellStore, keys: HiddenKeys, record: HiddenRecord): HiddenChat {
    const h = new HiddenChat(cells, keys, record, 0);
    cells.transaction(() => h.#writeRecord());
    return h;
  }

  /**
   * Reads the chat these keys locate: its record, then (when `accept` takes the
   * record) cells 0..next-1; undefined when there is none or it is not taken.
   */
  static load(
    cells: CellStore,
    keys: HiddenKeys,
    accept: (r: HiddenRecord) => boolean = () => true,
  ): HiddenChat | undefined {
    const first = HiddenChat.#readFrame(cells, keys, recordTag(keys));
    if (!first || first.kind !== KIND_RECORD) return undefined;
    const frames = [first];
    for (let part = 1; part < first.parts; part++) {
      const f = HiddenChat.#readFrame(cells, keys, recordTag(keys, part));
      if (f) frames.push(f);
    }
    const bytes = joinFrames(frames);
    const record = bytes && decodeRecord(bytes);
    bytes?.fill(0);
    if (!record) return undefined;
    if (!accept(record)) {
      wipe(record.cdk, record.wireKey);
      return undefined;
    }
    const h = new HiddenChat(cells, keys, record, first.parts);
    const units = new Map<number, { frames: Frame[]; cells: number[] }>();
    for (let n = 0; n < record.nextCell; n++) {
      // A missing cell was deleted (it is chaff now): its unit is gone whole.
      const f = HiddenChat.#readFrame(cells, keys, cellTag(keys, n));
      if (!f || f.kind !== KIND_MESSAGE) continue;
      let u = units.get(f.unit);
      if (!u) {
        u = { frames: [], cells: [] };
        units.set(f.unit, u);
      }
      u.frames.push(f);
      u.cells.push(n);
    }
    const rows: MessageRow[] = [];
    for (const [unit, u] of [...units].sort((a, b) => a[0] - b[0])) {
      const joined = joinFrames(u.frames);
      const row = joined && decodeMessage(record.id, joined);
      if (!row || row.id !== unit) continue;
      h.#cellsOf.set(row.id, u.cells);
      rows.push(row);
    }
    for (const row of rows) h.#remember(row);
    return h;
  }

  static #readFrame(cells: CellStore, keys: HiddenKeys, tag: Uint8Array): Frame | undefined {
    const box = cells.box(tag);
    const plain = box && openCell(keys, tag, box);
    if (!plain) return undefined;
    const f = decodeCell(plain);
    plain.fill(0);
    return f;
  }

  /** Every key and message of the chat forgotten (lock, logout). */
  wipe(): void {
    wipeHiddenKeys(this.#keys);
    wipe(this.record.cdk, this.record.wireKey);
    for (const r of this.#rows.values()) r.body.fill(0);
    this.#rows.clear();
    this.#sides[0] = [];
    this.#sides[1] = [];
    this.#cellsOf.clear();
    this.#bySeen.clear();
  }

  // Writing cells.

  #writeRecord(): void {
    const bytes = encodeRecord(this.record);
    const cells = encodeUnit(KIND_RECORD, 0, bytes);
    bytes.fill(0);
    cells.forEach((plain, part) => {
      const tag = recordTag(this.#keys, part);
      const box = sealCell(this.#keys, tag, plain);
      plain.fill(0);
      if (part >= this.#recordParts || !this.#cells.rewrite(tag, box)) this.#cells.insert(tag, box);
    });
    for (let part = cells.length; part < this.#recordParts; part++)
      this.#cells.toChaff(recordTag(this.#keys, part));
    this.#recordParts = cells.length;
  }

  /** Writes a message's cells: in place when it still takes as many, else at new numbers. */
  #writeMessage(row: MessageRow): number[] {
    const bytes = encodeMessage(row);
    const plains = encodeUnit(KIND_MESSAGE, row.id, bytes);
    bytes.fill(0);
    const old = this.#cellsOf.get(row.id);
    let numbers: number[];
    if (old && old.length === plains.length) numbers = old;
    else {
      if (old) for (const n of old) this.#cells.toChaff(cellTag(this.#keys, n));
      numbers = plains.map((_, i) => this.record.nextCell + i);
      this.record.nextCell += plains.length;
    }
    plains.forEach((plain, i) => {
      const tag = cellTag(this.#keys, numbers[i] as number);
      const box = sealCell(this.#keys, tag, plain);
      plain.fill(0);
      if (numbers !== old || !this.#cells.rewrite(tag, box)) this.#cells.insert(tag, box);
    });
    return numbers;
  }

  #remember(row: MessageRow): void {
    const old = this.#rows.get(row.id);
    if (old) this.#forgetRow(old);
    this.#rows.set(row.id, row);
    const side = this.#sides[row.trashed ? 1 : 0];
    side.splice(bound(side, row, false), 0, row);
    this.#bySeen.set(row.seen.toString('hex'), row.id);
  }

  #forgetRow(row: MessageRow): void {
    const side = this.#sides[row.trashed ? 1 : 0];
    const i = bound(side, row, false);
    if (side[i]?.id === row.id) side.splice(i, 1);
    this.#bySeen.delete(row.seen.toString('hex'));
  }

  #delete(ids: readonly number[]): number {
    const gone = ids.filter((id) => this.#rows.has(id));
    if (gone.length === 0) return 0;
    this.#cells.transaction(() => {
      for (const id of gone)
        for (const n of this.#cellsOf.get(id) ?? []) this.#cells.toChaff(cellTag(this.#keys, n));
    });
    for (const id of gone) {
      const row = this.#rows.get(id) as MessageRow;
      this.#forgetRow(row);
      this.#rows.delete(id);
      this.#cellsOf.delete(id);
    }
    return gone.length;
  }

  /** Stores rows kept elsewhere until now (a visible chat being hidden), ids and all; one transaction. */
  adopt(rows: readonly MessageRow[]): void {
    const written: { row: MessageRow; cells: number[] }[] = [];
    this.#cells.transaction(() => {
      for (const r of rows) {
        const row = { ...r, chat_id: this.id };
        written.push({ row, cells: this.#writeMessage(row) });
        this.record.nextMessage = Math.max(this.record.nextMessage, row.id + 1);
      }
      this.#writeRecord();
    });
    for (const w of written) {
      this.#cellsOf.set(w.row.id, w.cells);
      this.#remember(w.row);
    }
  }

  /** Turns every cell of the chat into chaff (delete, or moved back among the visible chats). */
  destroy(): void {
    this.#cells.transaction(() => {
      for (const cells of this.#cellsOf.values())
        for (const n of cells) this.#cells.toChaff(cellTag(this.#keys, n));
      for (let part = 0; part < this.#recordParts; part++) this.#cells.toChaff(recordTag(this.#keys, part));
    });
    this.#recordParts = 0;
  }

  /** Renames (or otherwise changes the meta of) the chat: its record rewritten in place. */
  setMeta(meta: HiddenRecord['meta']): void {
    const before = this.record.meta;
    this.record.meta = meta;
    try {
      this.#cells.transaction(() => this.#writeRecord());
    } catch (e) {
      this.record.meta = before;
      throw e;
    }
  }

  // ChatRows.

  count = (trashed: boolean): number => this.#sides[trashed ? 1 : 0].length;

  newest(trashed: boolean, limit: number, skip = 0): MessageRow[] {
    const side = this.#sides[trashed ? 1 : 0];
    const end = Math.max(side.length - skip, 0);
    return side.slice(Math.max(end - limit, 0), end);
  }

  oldest(trashed: boolean, limit: number, skip = 0): MessageRow[] {
    return this.#sides[trashed ? 1 : 0].slice(skip, skip + limit);
  }

  before(m: MessageRow, limit: number): MessageRow[] {
    const side = this.#sides[m.trashed ? 1 : 0];
    const i = bound(side, m, false);
    return side.slice(Math.max(i - limit, 0), i);
  }

  after(m: MessageRow, limit: number): MessageRow[] {
    const side = this.#sides[m.trashed ? 1 : 0];
    const i = bound(side, m, true);
    return side.slice(i, i + limit);
  }

  countBefore = (m: MessageRow): number => bound(this.#sides[m.trashed ? 1 : 0], m, false);
  message = (id: number): MessageRow | undefined => this.#rows.get(id);
  messages = (trashed: boolean): MessageRow[] => [...this.#sides[trashed ? 1 : 0]];

  rowsAfterId(afterId: number, limit: number): MessageRow[] {
    const out: MessageRow[] = [];
    for (const r of [...this.#rows.values()].sort((a, b) => a.id - b.id)) {
      if (out.length >= limit) break;
      if (r.id > afterId) out.push(r);
    }
    return out;
  }

  maxMessageId = (): number => this.record.nextMessage - 1;

  latestEpoch(): number | undefined {
    const a = this.#sides[0].at(-1)?.epoch;
    const b = this.#sides[1].at(-1)?.epoch;
    return a === undefined ? b : b === undefined ? a : Math.max(a, b);
  }

  lastMessageAt = (): number | undefined => this.#sides[0].at(-1)?.epoch;

  bySeen(seen: Buffer): MessageRow | undefined {
    const id = this.#bySeen.get(seen.toString('hex'));
    return id === undefined ? undefined : this.#rows.get(id);
  }

  insertMessage(seen: Buffer, epoch: number, storedAt: number, body: Buffer): number {
    const id = this.record.nextMessage;
    const row: MessageRow = { id, chat_id: this.id, seen, epoch, stored_at: storedAt, trashed: 0, body };
    const cellsBefore = this.record.nextCell;
    const activityBefore = this.record.lastActivity;
    let cells: number[] = [];
    try {
      this.#cells.transaction(() => {
        cells = this.#writeMessage(row);
        this.record.nextMessage = id + 1;
        // The activity the caller's touch() would move it to, in this same record write.
        this.record.lastActivity = Math.max(activityBefore, epoch, storedAt);
        this.#writeRecord();
      });
    } catch (e) {
      this.record.nextCell = cellsBefore;
      this.record.nextMessage = id;
      this.record.lastActivity = activityBefore;
      throw e;
    }
    this.#cellsOf.set(id, cells);
    this.#remember(row);
    return id;
  }

  touch(when: number): void {
    if (when <= this.record.lastActivity) return;
    const before = this.record.lastActivity;
    this.record.lastActivity = when;
    try {
      this.#cells.transaction(() => this.#writeRecord());
    } catch (e) {
      this.record.lastActivity = before;
      throw e;
    }
  }

  setTrashed(id: number, trashed: boolean, body: Buffer): boolean {
    const old = this.#rows.get(id);
    if (!old) return false;
    const row: MessageRow = { ...old, trashed: trashed ? 1 : 0, body };
    const cellsBefore = this.record.nextCell;
    let cells: number[] = [];
    try {
      this.#cells.transaction(() => {
        cells = this.#writeMessage(row);
        if (this.record.nextCell !== cellsBefore) this.#writeRecord();
      });
    } catch (e) {
      this.record.nextCell = cellsBefore;
      throw e;
    }
    this.#cellsOf.set(id, cells);
    this.#remember(row);
    return true;
  }

  deleteMessage = (id: number): boolean => this.#delete([id]) > 0;
  emptyTrash = (): number => this.#delete(this.#sides[1].map((r) => r.id));
  clearChat = (): number => this.#delete([...this.#rows.keys()]);
}

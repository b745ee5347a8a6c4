import type { LocalChatId, MessageId, MessageView } from '../../src-shared/types.js';
import type { MessageBody } from './records.js';

/** Ends one message in a run of texts; never inside a text (replaced by a space there). */
export const SEP = '\u0000';

/** What a search shows of a message, and the length of its own sealed body. */
export interface SearchEntry {
  readonly id: number;
  readonly epoch: number;
  readonly storedAt: number;
  /** The first four bytes of the row's blind index (unique per pointer): an id given again shows. */
  readonly seen: number;
  readonly sent: boolean;
  readonly author: string;
  readonly text: string;
  readonly pointer: string;
  /** The length of the message's body box on disk: a chunk's length follows from these alone. */
  readonly bodyBytes: number;
}

/**
 * Many messages side by side: typed arrays and two long strings, few objects
 * however many messages, so 100,000 of them cost the garbage collector little.
 * `texts` holds each "author\ntext" followed by SEP, `pointers` each pointer
 * (UTF-8) followed by a zero byte, left as bytes until a search shows one;
 * `authorLen` counts UTF-16 units.
 */
export interface EntryColumns extends TextColumns {
  readonly pointers: Buffer;
}

/** The same without the pointers: what a search scans (a result's pointer can be read from its row). */
export interface TextColumns {
  readonly count: number;
  readonly ids: Float64Array;
  readonly epochs: Float64Array;
  readonly stored: Float64Array;
  readonly seen: Uint32Array;
  readonly bodyBytes: Uint32Array;
  readonly authorLen: Uint16Array;
  readonly sent: Uint8Array;
  readonly texts: string;
}

/** A message as stored: its row's facts, its opened body and its body box's length. */
export const entryOf = (
  row: { readonly id: number; readonly epoch: number; readonly stored_at: number; readonly seen: Buffer },
  body: MessageBody,
  bodyBytes: number,
): SearchEntry => ({
  id: row.id,
  epoch: row.epoch,
  storedAt: row.stored_at,
  seen: row.seen.readUInt32LE(0),
  sent: body.dir === 'sent',
  author: body.author,
  text: body.text,
  pointer: body.pointer,
  bodyBytes,
});

const clean = (s: string) => (s.includes(SEP) ? s.replaceAll(SEP, ' ') : s);

export function columnsOf(entries: readonly SearchEntry[]): EntryColumns {
  const n = entries.length;
  const c = {
    count: n,
    ids: new Float64Array(n),
    epochs: new Float64Array(n),
    stored: new Float64Array(n),
    seen: new Uint32Array(n),
    bodyBytes: new Uint32Array(n),
    authorLen: new Uint16Array(n),
    sent: new Uint8Array(n),
  };
  const texts: string[] = [];
  const pointers: string[] = [];
  for (const [i, e] of entries.entries()) {
    c.ids[i] = e.id;
    c.epochs[i] = e.epoch;
    c.stored[i] = e.storedAt;
    c.seen[i] = e.seen;
    c.bodyBytes[i] = e.bodyBytes;
    c.authorLen[i] = e.author.length;
    c.sent[i] = e.sent ? 1 : 0;
    texts.push(`${clean(e.author)}\n${clean(e.text)}`);
    pointers.push(clean(e.pointer));
  }
  return {
    ...c,
    texts: n ? texts.join(SEP) + SEP : '',
    pointers: Buffer.from(n ? pointers.join(SEP) + SEP : '', 'utf8'),
  };
}

/** Where each SEP-terminated part of `s` starts, and one more entry: the end. */
export function startsOf(s: string, count: number): Int32Array {
  const out = new Int32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    out[i] = at;
    at = s.indexOf(SEP, at) + 1;
  }
  out[count] = at;
  return out;
}

/** Where each zero-terminated part of `b` starts, and one more entry: the end. */
export function byteStartsOf(b: Buffer, count: number): Int32Array {
  const out = new Int32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    out[i] = at;
    at = b.indexOf(0, at) + 1;
  }
  out[count] = at;
  return out;
}

/** Message i of columns whose parts start at `textStarts` and `pointerStarts`. */
export function entryAt(
  c: EntryColumns,
  textStarts: Int32Array,
  pointerStarts: Int32Array,
  i: number,
): SearchEntry {
  const s = textStarts[i] as number;
  const al = c.authorLen[i] as number;
  return {
    id: c.ids[i] as number,
    epoch: c.epochs[i] as number,
    storedAt: c.stored[i] as number,
    seen: c.seen[i] as number,
    sent: c.sent[i] === 1,
    author: c.texts.slice(s, s + al),
    text: c.texts.slice(s + al + 1, (textStarts[i + 1] as number) - 1),
    pointer: c.pointers.toString('utf8', pointerStarts[i], (pointerStarts[i + 1] as number) - 1),
    bodyBytes: c.bodyBytes[i] as number,
  };
}

export const viewOf = (chatId: LocalChatId, e: SearchEntry, trashed: boolean): MessageView => ({
  id: e.id as MessageId,
  chatId,
  direction: e.sent ? 'sent' : 'received',
  author: e.author,
  text: e.text,
  epoch: e.epoch,
  storedAt: e.storedAt,
  deleted: trashed,
  pointer: e.pointer,
});

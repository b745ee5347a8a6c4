import { LIMITS } from '../../src-shared/limits.js';
import type {
  ChatSummary,
  Direction,
  Format,
  ImportOutcome,
  LocalChatId,
  MessageId,
} from '../../src-shared/types.js';
import { openLegacyMany, openSealedMany } from '../core/open-many.js';
import { type PasteItem, parsePaste } from '../core/paste.js';
import { pointerToText } from '../core/pointer-parse.js';
import type { LegacyPointer, OpenedPointer, Pointer, SealedPointer } from '../core/pointer-types.js';
import type { Result } from '../core/result.js';
import {
  openWithOwnKey,
  openWithWireKey,
  receivedChatName,
  type WireKey,
  wipeWireKey,
  wireKeyForPointer,
} from './chat-secrets.js';
import type { ImportOptions } from './import-options.js';
import type { KdfPool } from './kdf/kdf-pool.js';
import type { ChatMeta, MessageBody, OpenChat } from './records.js';
import { ServiceError } from './service-error.js';

/** An outcome before the pointer's text is attached (Omit that keeps the union). */
type Routed = ImportOutcome extends infer U ? (U extends ImportOutcome ? Omit<U, 'pointer'> : never) : never;

/** What the router needs of the messenger, and nothing more. */
export interface ImportPort {
  readonly kdf: KdfPool;
  /** One's own messages come back as sent (a chat's pointers imported on another computer). */
  direction(author: string): Direction;
  /** The blind index a pointer's canonical text is recognised by in one open chat (its K_seen). */
  seenKey(chat: OpenChat, canonical: string): Buffer;
  /** For each blind index, the open chat already holding that pointer (sent or received), if any. */
  seen(keys: readonly Buffer[]): (Seen | undefined)[];
  /** Local chats with this wire id (legacy ids are not unique: several may share one). */
  candidates(format: Format, wire: string): ChatRef[];
  /** The chat's keys while it is unlocked. */
  opened(id: LocalChatId): OpenChat | undefined;
  /** Opens a locked chat with the secret; undefined when it is not that chat's secret. */
  unlock(id: LocalChatId, secret: string): Promise<OpenChat | undefined>;
  /** The closed hidden chat the paste's secret locates, opened, when it is this pointer's chat. */
  findHidden?(p: Pointer): Promise<{ ref: ChatRef; chat: OpenChat } | undefined>;
  /**
   * Stores messages in open chats in ONE transaction, sealing them at once (the call's synchronous
   * part); their ids, in order, once committed (undefined for a chat deleted meanwhile).
   */
  storeMany(items: readonly ToStore[]): Promise<(MessageId | undefined)[]>;
  create(
    meta: Omit<ChatMeta, 'createdHere'>,
    wire: WireKey,
    epoch: number,
    body: Omit<MessageBody, 'dir'>,
  ): Promise<{ chat: ChatSummary; messageId: MessageId }>;
}

export interface Seen {
  readonly chat: ChatRef;
  readonly direction?: 'sent' | 'received';
}

/** A chat as an outcome names it. */
export interface ChatRef {
  readonly id: LocalChatId;
  readonly name: string;
}

export interface ToStore {
  readonly chat: OpenChat;
  readonly seen: Buffer;
  readonly epoch: number;
  readonly body: Omit<MessageBody, 'dir'>;
}

/**
 * Pointers are routed in batches of this many: each batch is opened chat by
 * chat with the core's bulk functions and stored in one transaction (one fsync).
 */
export const IMPORT_BATCH = 2000;

const stored = (offset: number, chat: ChatRef, messageId: MessageId, created: boolean): Routed => ({
  kind: 'stored',
  offset,
  chatId: chat.id,
  chatName: chat.name,
  messageId,
  created,
  message: created
    ? `New chat "${chat.name}" created and the message stored.`
    : `Stored in chat "${chat.name}".`,
});

const cancelled = (offset: number): Routed => ({
  kind: 'refused',
  code: 'cancelled',
  offset,
  message: 'Not imported: the import was cancelled.',
});

/**
 * Routes every pointer of a paste: opened and stored in its unlocked chat;
 * a locked chat asks for its secret; an unknown chat asks for a secret, which
 * is verified against the pointer before the chat is created with it. A batch
 * is stored in one transaction and its outcomes (and progress) reported only
 * after the commit, so what is reported stored is on disk.
 *
 * Duplicates are recognised after routing: the index is keyed per chat, so a
 * pointer is looked up in each open chat it routes to (all of a batch in one
 * query), in a chat this paste unlocks once it is open, and among the
 * pointers earlier in the paste. A pointer stored in a locked chat asks for
 * its secret like any other of that chat. A cancel takes effect between
 * batches.
 */
export async function importPaste(
  port: ImportPort,
  text: string,
  opts: ImportOptions,
): Promise<ImportOutcome[]> {
  const items = parsePaste(text);
  const out: ImportOutcome[] = [];
  // Within one paste, each (chat id, k) costs one scrypt and each locked chat one unlock attempt.
  const newChatKeys = new Map<string, Promise<WireKey | undefined>>();
  // The keys a chat created by this paste now holds; the rest are wiped when the paste is done.
  const adopted = new Set<WireKey>();
  const triedUnlock = new Set<LocalChatId>();
  const secret = opts.secret?.trim() ? opts.secret : undefined;
  // What this paste stored or queued, by canonical text: a second copy is a duplicate.
  const taken = new Map<string, { chat: ChatRef; direction: Direction }>();
  // Candidates by wire id; a chat created by this paste adds one, so creating clears it.
  const candidateCache = new Map<string, ChatRef[]>();
  const candidates = (p: Pointer) => {
    const key = `${p.format}|${p.chat}`;
    let c = candidateCache.get(key);
    if (!c) {
      c = port.candidates(p.format, p.chat);
      candidateCache.set(key, c);
    }
    return c;
  };
  let pending: { at: number; offset: number; chat: ChatRef; item: ToStore }[] = [];
  let bulk = new Map<OpenChat, Map<number, Result<OpenedPointer>>>();

  // Every unlock attempt and every new chat id tried costs a key derivation; a paste gets a few.
  const keyTriesLeft = () => LIMITS.keyTriesPerPaste - newChatKeys.size - triedUnlock.size;
  const newChatKey = (p: Pointer, given: string) => {
    const id = `${p.format}|${p.chat}|${p.format === 'sealed-v2' ? p.k : ''}`;
    let key = newChatKeys.get(id);
    if (!key) {
      if (keyTriesLeft() <= 0) return 'too-many' as const;
      key = wireKeyForPointer(port.kdf, p, given, opts.suffix).catch(() => undefined);
      newChatKeys.set(id, key);
    }
    return key;
  };

  /**
   * Sends what is queued to be stored; only once it is committed do its
   * outcomes exist and the pointers before `done` count as done. Its bodies
   * are sealed at once, so a chat locked later never has a message sealed
   * under its wiped key. Batches commit in order, one behind the routing of
   * the next: the disk works while the next batch is opened. Awaited before
   * any other await of the routing (an unlock, a new chat), so everything
   * queued is committed and reported first.
   */
  let committing: Promise<void> = Promise.resolve();
  const commit = (done: number): Promise<void> => {
    const batch = pending;
    pending = [];
    const ids = batch.length > 0 ? port.storeMany(batch.map((b) => b.item)) : undefined;
    const before = committing;
    committing = (async () => {
      await before;
      const got = await ids;
      batch.forEach((b, j) => {
        const id = got?.[j];
        out[b.at] = {
          ...(id === undefined ? chatGone(b.offset, b.chat) : stored(b.offset, b.chat, id, false)),
          pointer: items[b.at]?.text,
        } as ImportOutcome;
      });
      if (done > reported) {
        reported = done;
        opts.onProgress?.(done, items.length);
      }
    })();
    // Awaited later (or the import has already failed): never an unhandled rejection meanwhile.
    committing.catch(() => undefined);
    return committing;
  };
  let reported = 0;

  for (let start = 0; start < items.length; start += IMPORT_BATCH) {
    if (start > 0) await new Promise((r) => setImmediate(r));
    const end = Math.min(start + IMPORT_BATCH, items.length);
    if (opts.signal?.aborted) {
      for (let i = start; i < items.length; i++) {
        const item = items[i] as PasteItem;
        out[i] = { ...cancelled(item.offset), pointer: item.text } as ImportOutcome;
      }
      break;
    }
    const prepared = prepare(start, end);
    for (let i = start; i < end; i++) {
      const item = items[i] as PasteItem;
      const routed = await routeOne(i, item.offset, prepared[i - start]);
      if (routed) out[i] = { ...routed, pointer: item.text } as ImportOutcome;
    }
    // The batch before this one is committed first, so at most one is on its way to the disk.
    await committing;
    if (opts.signal?.aborted) {
      // Cancelled while this batch was opened: what it queued is not stored (the loop stops next).
      for (const b of pending)
        out[b.at] = { ...cancelled(b.offset), pointer: items[b.at]?.text } as ImportOutcome;
      pending = [];
      continue;
    }
    void commit(end);
  }
  await committing;
  for (const key of newChatKeys.values()) {
    const wire = await key;
    if (wire && !adopted.has(wire)) wipeWireKey(wire);
  }
  return out;

  /**
   * Routes the batch's pointers to their open chats, recognises those already
   * stored there (one query for the batch), and opens the rest in bulk for
   * each open chat.
   */
  function prepare(start: number, end: number) {
    const prepared: (Prepared | undefined)[] = [];
    const groups = new Map<string, { p: Pointer[]; at: number[] }>();
    const keys: Buffer[] = [];
    const owners: Prepared[] = [];
    for (let i = start; i < end; i++) {
      const r = (items[i] as PasteItem).result;
      if (!r.ok) {
        prepared.push(undefined);
        continue;
      }
      const p = r.value;
      const x: Prepared = { at: i, p, canonical: pointerToText(p), seen: undefined, checked: [], keys: [] };
      for (const ref of candidates(p)) {
        const c = port.opened(ref.id);
        if (!c) continue;
        const key = port.seenKey(c, x.canonical);
        x.checked.push(c);
        x.keys.push(key);
        keys.push(key);
        owners.push(x);
      }
      prepared.push(x);
    }
    for (const [j, hit] of port.seen(keys).entries()) {
      const x = owners[j] as Prepared;
      if (hit) x.seen ??= hit;
    }
    for (const x of prepared) {
      if (!x || x.seen) continue;
      const { p, at: i } = x;
      const g = `${p.format}|${p.chat}|${p.format === 'sealed-v2' ? p.k : ''}`;
      let group = groups.get(g);
      if (!group) {
        group = { p: [], at: [] };
        groups.set(g, group);
      }
      group.p.push(p);
      group.at.push(i);
    }
    bulk = new Map();
    for (const group of groups.values()) {
      for (const ref of candidates(group.p[0] as Pointer)) {
        const c = port.opened(ref.id);
        if (!c) continue;
        const results = openManyWithWireKey(c.wire, group.p);
        if (!results) continue;
        let byItem = bulk.get(c);
        if (!byItem) {
          byItem = new Map();
          bulk.set(c, byItem);
        }
        for (const [j, r] of results.entries()) byItem.set(group.at[j] as number, r);
      }
    }
    return prepared;
  }

  /** The outcome, or undefined when the pointer is queued to be stored with the batch. */
  async function routeOne(
    at: number,
    offset: number,
    prep: Prepared | undefined,
  ): Promise<Routed | undefined> {
    if (!prep) {
      const r = (items[at] as PasteItem).result;
      if (r.ok) throw new Error('A parsed pointer was not prepared.');
      return { kind: 'refused', offset, code: r.error.code, message: r.error.message };
    }
    const { p, canonical } = prep;
    const dup = prep.seen ?? taken.get(canonical);
    if (dup) return duplicate(offset, dup);
    const body = (o: OpenedPointer) => ({ author: o.author, text: o.text, pointer: canonical });
    const queue = (chat: ChatRef, c: OpenChat, o: OpenedPointer) => {
      const seen = keyIn(prep, c);
      pending.push({ at, offset, chat, item: { chat: c, seen, epoch: p.epoch, body: body(o) } });
      taken.set(canonical, { chat, direction: port.direction(o.author) });
      return undefined;
    };
    const refs = candidates(p);

    // A sealed chat id is 16 random bytes: when a chat we hold under it cannot
    // verify the pointer, the pointer was altered. (Legacy ids are shared by
    // design, so there a failure may just mean another chat.)
    let held: ChatRef | undefined;
    const locked: ChatRef[] = [];
    for (const ref of refs) {
      const c = port.opened(ref.id);
      if (!c) {
        locked.push(ref);
        continue;
      }
      // Opened since the batch was prepared (by this paste): looked up now.
      const already = storedIn(prep, c);
      if (already) return duplicate(offset, already);
      const r = bulk.get(c)?.get(at) ?? openWithWireKey(c.wire, p);
      if (r?.ok) return queue(ref, c, r.value);
      if (r && p.format === 'sealed-v2') held = ref;
    }
    if (held && locked.length === 0) return altered(offset, held);
    if (secret === undefined) {
      const first = locked[0];
      if (first) {
        return {
          kind: 'needs-secret',
          offset,
          chatId: first.id,
          chatName: first.name,
          message: `Chat "${first.name}" is locked: give its secret to read this pointer.`,
        };
      }
      return {
        kind: 'new-chat',
        offset,
        format: p.format,
        wireId: p.chat,
        message: 'This pointer is for a chat you do not have yet: give its secret (and a name) to create it.',
      };
    }

    for (const ref of locked) {
      if (triedUnlock.has(ref.id)) continue;
      if (keyTriesLeft() <= 0) return tooManyChats(offset);
      triedUnlock.add(ref.id);
      await commit(at);
      const opened = await port.unlock(ref.id, secret);
      // Now that its K_seen is known, the chat can say whether it holds this pointer already.
      const already = opened && storedIn(prep, opened);
      if (already) return duplicate(offset, already);
      const r = opened && openWithWireKey(opened.wire, p);
      if (r?.ok && opened) return queue(ref, opened, r.value);
      if (r && p.format === 'sealed-v2') held = ref;
    }
    if (held) return altered(offset, held);

    // Not a chat we hold with this secret: verify the secret against the pointer, then create the chat.
    // Unless the secret locates a hidden chat of this pointer (its L derived beside the chat's key).
    await commit(at);
    const hidden = port.findHidden?.(p);
    const wire = await newChatKey(p, secret);
    const found = await hidden;
    if (found) {
      candidateCache.clear();
      const already = storedIn(prep, found.chat);
      if (already) return duplicate(offset, already);
      const r = openWithWireKey(found.chat.wire, p);
      if (r?.ok) return queue(found.ref, found.chat, r.value);
    }
    if (wire === 'too-many') return tooManyChats(offset);
    if (!wire) return wrong(offset, p);
    const r = openWithOwnKey(wire, p);
    if (!r.ok) {
      return r.error.code === 'wrong-secret-or-altered'
        ? wrong(offset, p)
        : { kind: 'refused', offset, code: r.error.code, message: r.error.message };
    }
    const name = opts.name?.trim() || receivedChatName(r.value);
    const meta = { name, format: p.format, wire: p.chat, ...(p.format === 'sealed-v2' ? { k: p.k } : {}) };
    let created: Awaited<ReturnType<ImportPort['create']>>;
    try {
      created = await port.create(meta, wire, p.epoch, body(r.value));
    } catch (e) {
      // A chat that cannot be made as asked (a hidden chat's secret already taken): this pointer
      // is refused in its sentence, the rest of the paste goes on.
      if (e instanceof ServiceError && e.code === 'bad-input')
        return { kind: 'refused', offset, code: e.code, message: e.message };
      throw e;
    }
    adopted.add(wire);
    candidateCache.clear();
    taken.set(canonical, { chat: created.chat, direction: port.direction(r.value.author) });
    return stored(offset, created.chat, created.messageId, true);
  }

  /** Whether open chat c holds the pointer; each (pointer, chat) is looked up once. */
  function storedIn(x: Prepared, c: OpenChat): Seen | undefined {
    // Looked up with the batch, without a hit (a hit made the pointer a duplicate before this).
    if (x.checked.includes(c)) return undefined;
    const key = port.seenKey(c, x.canonical);
    x.checked.push(c);
    x.keys.push(key);
    return port.seen([key])[0];
  }

  /** The pointer's blind index in open chat c (computed by its look-up there). */
  function keyIn(x: Prepared, c: OpenChat): Buffer {
    const i = x.checked.indexOf(c);
    return i >= 0 ? (x.keys[i] as Buffer) : port.seenKey(c, x.canonical);
  }
}

interface Prepared {
  readonly at: number;
  readonly p: Pointer;
  readonly canonical: string;
  /** Found stored in an open chat. */
  seen: Seen | undefined;
  /** The open chats it was looked up in, and its blind index in each (same order). */
  readonly checked: OpenChat[];
  readonly keys: Buffer[];
}

const chatGone = (offset: number, chat: ChatRef): Routed => ({
  kind: 'refused',
  offset,
  code: 'unknown-chat',
  message: `Not stored: chat "${chat.name}" was deleted during the import.`,
});

const duplicate = (offset: number, dup: { chat: ChatRef; direction?: Direction }): Routed => ({
  kind: 'duplicate',
  offset,
  chatId: dup.chat.id,
  chatName: dup.chat.name,
  message:
    dup.direction === 'sent'
      ? `This is a message you sent, already in chat "${dup.chat.name}".`
      : `Already stored in chat "${dup.chat.name}".`,
});

/** Opens pointers of one chat (and cost) together; undefined when the key cannot apply to them. */
function openManyWithWireKey(wire: WireKey, ps: Pointer[]): Result<OpenedPointer>[] | undefined {
  const first = ps[0];
  if (!first) return [];
  if (first.format === 'sealed-v2' && wire.format === 'sealed-v2' && wire.key.k === first.k)
    return openSealedMany(wire.key, ps as SealedPointer[]);
  if (first.format === 'legacy' && wire.format === 'legacy')
    return openLegacyMany(wire.secret, wire.suffix, ps as LegacyPointer[]);
  return undefined;
}

const altered = (offset: number, chat: ChatRef): Routed => ({
  kind: 'refused',
  offset,
  code: 'wrong-secret-or-altered',
  message: `This pointer names chat "${chat.name}" but does not verify with its key: it was altered; nothing was stored.`,
});

const tooManyChats = (offset: number): Routed => ({
  kind: 'refused',
  offset,
  code: 'too-many-chats',
  message: `This paste asks the secret of more than ${LIMITS.keyTriesPerPaste} chats; import the rest in another paste.`,
});

const wrong = (offset: number, p: Pointer): Routed => ({
  kind: 'wrong-secret',
  offset,
  format: p.format,
  wireId: p.chat,
  message: 'The secret given does not open this pointer; nothing was created or stored.',
});

import type { ChatSummary, Format, ImportOutcome, LocalChatId, MessageId } from '../../src-shared/types.js';
import { parsePaste } from '../core/paste.js';
import { pointerToText } from '../core/pointer-parse.js';
import type { OpenedPointer, Pointer } from '../core/pointer-types.js';
import type { Result } from '../core/result.js';
import {
  openWithOwnKey,
  openWithWireKey,
  receivedChatName,
  type WireKey,
  wireKeyForPointer,
} from './chat-secrets.js';
import type { ImportOptions } from './import-options.js';
import type { KdfPool } from './kdf/kdf-pool.js';
import type { ChatMeta, MessageBody, OpenChat } from './records.js';

/** An outcome before the pointer's text is attached (Omit that keeps the union). */
type Routed = ImportOutcome extends infer U ? (U extends ImportOutcome ? Omit<U, 'pointer'> : never) : never;

/** What the router needs of the messenger, and nothing more. */
export interface ImportPort {
  readonly kdf: KdfPool;
  /** The chat already holding this pointer (sent or received), if any. */
  seen(pointer: string): { chat: ChatSummary; direction?: 'sent' | 'received' } | undefined;
  /** Local chats with this wire id (legacy ids are not unique: several may share one). */
  candidates(format: Format, wire: string): { summary: ChatSummary; open: OpenChat | undefined }[];
  /** Opens a locked chat with the secret; undefined when it is not that chat's secret. */
  unlock(id: LocalChatId, secret: string): Promise<OpenChat | undefined>;
  store(c: OpenChat, epoch: number, body: Omit<MessageBody, 'dir'>): MessageId;
  create(
    meta: Omit<ChatMeta, 'createdHere'>,
    wire: WireKey,
    epoch: number,
    body: Omit<MessageBody, 'dir'>,
  ): Promise<{ chat: ChatSummary; messageId: MessageId }>;
}

const openIn = (c: OpenChat, p: Pointer) => openWithWireKey(c.wire, p);

const stored = (offset: number, chat: ChatSummary, messageId: MessageId, created: boolean): Routed => ({
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

/**
 * Routes every pointer of a paste: opened and stored in its unlocked chat;
 * a locked chat asks for its secret; an unknown chat asks for a secret, which
 * is verified against the pointer before the chat is created with it. Each
 * message is stored in its own transaction, so what is reported stored stays
 * stored, and a pointer seen before is reported as a duplicate.
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
  const triedUnlock = new Set<LocalChatId>();
  const secret = opts.secret?.trim() ? opts.secret : undefined;

  const newChatKey = (p: Pointer, given: string) => {
    const id = `${p.format}|${p.chat}|${p.format === 'sealed-v2' ? p.k : ''}`;
    let key = newChatKeys.get(id);
    if (!key) {
      key = wireKeyForPointer(port.kdf, p, given, opts.suffix).catch(() => undefined);
      newChatKeys.set(id, key);
    }
    return key;
  };

  for (const [i, item] of items.entries()) {
    if (opts.signal?.aborted) {
      out.push({
        kind: 'refused',
        code: 'cancelled',
        offset: item.offset,
        pointer: item.text,
        message: 'Not imported: the import was cancelled.',
      });
      continue;
    }
    if (i > 0 && i % 64 === 0) await new Promise((r) => setImmediate(r));
    out.push({ ...(await routeOne(item.offset, item.result)), pointer: item.text } as ImportOutcome);
    opts.onProgress?.(i + 1, items.length);
  }
  return out;

  async function routeOne(offset: number, parsed: Result<Pointer>): Promise<Routed> {
    if (!parsed.ok)
      return { kind: 'refused', offset, code: parsed.error.code, message: parsed.error.message };
    const p = parsed.value;
    const canonical = pointerToText(p);
    const seen = port.seen(canonical);
    if (seen) {
      const { chat } = seen;
      return {
        kind: 'duplicate',
        offset,
        chatId: chat.id,
        chatName: chat.name,
        message:
          seen.direction === 'sent'
            ? `This is a message you sent, already in chat "${chat.name}".`
            : `Already stored in chat "${chat.name}".`,
      };
    }
    const body = (o: OpenedPointer) => ({ author: o.author, text: o.text, pointer: canonical });
    const candidates = port.candidates(p.format, p.chat);

    // A sealed chat id is 16 random bytes: when a chat we hold under it cannot
    // verify the pointer, the pointer was altered. (Legacy ids are shared by
    // design, so there a failure may just mean another chat.)
    let held: ChatSummary | undefined;
    for (const c of candidates) {
      const r = c.open && openIn(c.open, p);
      if (r?.ok && c.open)
        return stored(offset, c.summary, port.store(c.open, p.epoch, body(r.value)), false);
      if (r && p.format === 'sealed-v2') held = c.summary;
    }
    const locked = candidates.filter((c) => !c.open);
    if (held && locked.length === 0) return altered(offset, held);
    if (secret === undefined) {
      const first = locked[0];
      if (first) {
        return {
          kind: 'needs-secret',
          offset,
          chatId: first.summary.id,
          chatName: first.summary.name,
          message: `Chat "${first.summary.name}" is locked: give its secret to read this pointer.`,
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

    for (const c of locked) {
      if (triedUnlock.has(c.summary.id)) continue;
      triedUnlock.add(c.summary.id);
      const opened = await port.unlock(c.summary.id, secret);
      const r = opened && openIn(opened, p);
      if (r?.ok && opened)
        return stored(offset, c.summary, port.store(opened, p.epoch, body(r.value)), false);
      if (r && p.format === 'sealed-v2') held = c.summary;
    }
    if (held) return altered(offset, held);

    // Not a chat we hold with this secret: verify the secret against the pointer, then create the chat.
    const wire = await newChatKey(p, secret);
    if (!wire) return wrong(offset, p);
    const r = openWithOwnKey(wire, p);
    if (!r.ok) {
      return r.error.code === 'wrong-secret-or-altered'
        ? wrong(offset, p)
        : { kind: 'refused', offset, code: r.error.code, message: r.error.message };
    }
    const name = opts.name?.trim() || receivedChatName(r.value);
    const meta = { name, format: p.format, wire: p.chat, ...(p.format === 'sealed-v2' ? { k: p.k } : {}) };
    const created = await port.create(meta, wire, p.epoch, body(r.value));
    return stored(offset, created.chat, created.messageId, true);
  }
}

const altered = (offset: number, chat: ChatSummary): Routed => ({
  kind: 'refused',
  offset,
  code: 'wrong-secret-or-altered',
  message: `This pointer names chat "${chat.name}" but does not verify with its key: it was altered; nothing was stored.`,
});

const wrong = (offset: number, p: Pointer): Routed => ({
  kind: 'wrong-secret',
  offset,
  format: p.format,
  wireId: p.chat,
  message: 'The secret given does not open this pointer; nothing was created or stored.',
});

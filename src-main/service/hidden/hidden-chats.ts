import { randomBytes } from 'node:crypto';
import { LIMITS } from '../../../src-shared/limits.js';
import type { ChatSummary, LocalChatId, MessageId } from '../../../src-shared/types.js';
import { concatBytes } from '../../core/bytes.js';
import type { ChatId } from '../../core/pointer-types.js';
import { sealedKeyFromBytes } from '../../core/sealed-key.js';
import { sealJson } from '../../vault/box.js';
import type { MessageRow } from '../../vault/rows.js';
import { insertChat, unlockChat } from '../chat-keys.js';
import { legacyWireKey, type WireKey } from '../chat-secrets.js';
import { now, type ServiceContext, type Session } from '../context.js';
import { bodyAad, insertMessage, openBody } from '../messages.js';
import { type ChatMeta, chatCost, type MessageBody, type OpenChat } from '../records.js';
import { ServiceError } from '../service-error.js';
import { chatSeenKey, randomKey, seenIndex } from '../vault-keys.js';
import { addCover } from './cover.js';
import { deriveHiddenKeys, HIDDEN_LOG2N, type HiddenKeys, wipeHiddenKeys } from './hidden-keys.js';
import type { HiddenRecord } from './hidden-record.js';
import { HiddenChat } from './hidden-rows.js';

// Hidden chats (docs/hidden-chats.md): kept only in the vault's cells, opened
// by their secret alone, listed while open and gone again on lock or logout.

export const NO_HIDDEN_CHAT = 'No hidden chat opens with this secret.';
const SECRET_TAKEN = 'This secret already opens a hidden chat; choose another.';

/** The cost of L: 2^17 unless the messenger was opened (by a test) with a lower one. */
export const hiddenLog2N = (ctx: ServiceContext): number =>
  ctx.opts.hiddenLog2N ?? ctx.opts.chatLog2N ?? HIDDEN_LOG2N;

/**
 * The cost of L for a chat: 2^17, or the highest sealed cost (2^18) for a chat
 * whose own cost is above 2^17, so that L never tests a guess of its secret
 * faster than the chat's own scrypt would. Two levels only: opening by the
 * secret alone tries the first and then the second.
 */
export const locatorLog2N = (ctx: ServiceContext, meta: Pick<ChatMeta, 'format' | 'k'>): number => {
  const base = hiddenLog2N(ctx);
  return meta.format === 'sealed-v2' && chatCost(meta as ChatMeta) > base ? LIMITS.kMax : base;
};

/** The costs L may have been derived at, cheapest first. */
const locatorLevels = (ctx: ServiceContext): number[] => {
  const base = hiddenLog2N(ctx);
  return base < LIMITS.kMax ? [base, LIMITS.kMax] : [base];
};

export const hiddenKeysFor = (
  ctx: ServiceContext,
  s: Session,
  secret: string,
  log2N = hiddenLog2N(ctx),
): Promise<HiddenKeys> => deriveHiddenKeys(ctx.kdf, s.dk, secret, log2N);

/** A hidden chat's id: random in [2^40, 2^52), far above any visible row id, and never reused. */
const stableId = (): number =>
  2 ** 40 + Math.floor((randomBytes(6).readUIntBE(0, 6) / 2 ** 48) * (2 ** 52 - 2 ** 40));

/** The wire key a hidden chat's record gives: K from its bytes, or the legacy secret given at opening. */
function wireOf(h: HiddenChat, secret: string): WireKey {
  const { meta, wireKey, suffix } = h.record;
  return meta.format === 'sealed-v2'
    ? { format: 'sealed-v2', key: sealedKeyFromBytes(meta.wire as ChatId, chatCost(meta), wireKey) }
    : legacyWireKey(secret, meta.wire, suffix);
}

const wireBytes = (wire: WireKey): Uint8Array =>
  wire.format === 'sealed-v2' ? concatBytes(wire.key.enc, wire.key.macKey) : new Uint8Array(0);

/** A copy of a wire key that outlives the original's wiping (a chat moving between visible and hidden). */
const copyWire = (wire: WireKey): WireKey =>
  wire.format === 'sealed-v2'
    ? { format: 'sealed-v2', key: sealedKeyFromBytes(wire.key.chat, wire.key.k, wireBytes(wire)) }
    : { ...wire };

/** Makes a loaded hidden chat open: in the registry and among the open chats. */
function register(ctx: ServiceContext, h: HiddenChat, wire: WireKey): OpenChat {
  const c: OpenChat = {
    id: h.id as LocalChatId,
    meta: h.record.meta,
    cdk: h.record.cdk,
    seenKey: chatSeenKey(h.record.cdk),
    wire,
    remembered: false,
    lastUsed: Date.now(),
  };
  ctx.hidden.add(h);
  ctx.open.add(c);
  return c;
}

function checkSession(ctx: ServiceContext, s: Session, keys: HiddenKeys): void {
  if (ctx.session === s) return;
  wipeHiddenKeys(keys);
  throw new ServiceError('not-logged-in', 'Logged out meanwhile; nothing was opened or stored.');
}

/**
 * The open chat these keys locate: already open, or read from the cells now;
 * undefined when no hidden chat has them. (The import's path in, too.)
 */
export function openWithKeys(
  ctx: ServiceContext,
  s: Session,
  keys: HiddenKeys,
  secret: string,
): OpenChat | undefined {
  checkSession(ctx, s, keys);
  const already = ctx.hidden.all().find((h) => h.hasKeys(keys));
  if (already) {
    wipeHiddenKeys(keys);
    return ctx.open.get(already.id as LocalChatId);
  }
  const h = HiddenChat.load(ctx.cells, keys);
  if (!h) {
    wipeHiddenKeys(keys);
    return undefined;
  }
  return register(ctx, h, wireOf(h, secret));
}

/**
 * The hidden chat these keys locate, opened, when it is the chat of a pointer
 * (this format and wire id); else nothing is opened and the keys are wiped.
 */
export function openHiddenFor(
  ctx: ServiceContext,
  s: Session,
  keys: HiddenKeys,
  secret: string,
  format: ChatMeta['format'],
  wire: string,
): OpenChat | undefined {
  checkSession(ctx, s, keys);
  const matches = (r: HiddenRecord) => r.meta.format === format && r.meta.wire === wire;
  const open = ctx.hidden.all().find((h) => h.hasKeys(keys));
  if (open) {
    wipeHiddenKeys(keys);
    return matches(open.record) ? ctx.open.get(open.id as LocalChatId) : undefined;
  }
  // Only the record is read when it is another chat's: its messages stay in their cells.
  const h = HiddenChat.load(ctx.cells, keys, matches);
  if (!h) {
    wipeHiddenKeys(keys);
    return undefined;
  }
  return register(ctx, h, wireOf(h, secret));
}

/** Opens the hidden chat this secret locates; the same refusal whether or not any hidden chat exists. */
export async function openHidden(ctx: ServiceContext, secret: string): Promise<ChatSummary> {
  const s = ctx.requireSession();
  // A secret that opens nothing costs every level: the same whether or not any hidden chat exists.
  for (const log2N of locatorLevels(ctx)) {
    const keys = await hiddenKeysFor(ctx, s, secret, log2N);
    const c = openWithKeys(ctx, s, keys, secret);
    if (c) return ctx.chat(c.id);
  }
  throw new ServiceError('wrong-secret', NO_HIDDEN_CHAT);
}

/**
 * Creates a hidden chat (by hand, or on receipt with its first message), all
 * in one transaction. `keys` may be under way already (derived beside the
 * chat's own key).
 */
export async function createHiddenChat(
  ctx: ServiceContext,
  meta: ChatMeta,
  wire: WireKey,
  secret: string,
  keys: Promise<HiddenKeys> = hiddenKeysFor(ctx, ctx.requireSession(), secret, locatorLog2N(ctx, meta)),
  firstMessage?: { epoch: number; body: MessageBody },
): Promise<ChatSummary & { messageId?: MessageId }> {
  const s = ctx.requireSession();
  const k = await keys;
  checkSession(ctx, s, k);
  if (HiddenChat.exists(ctx.cells, k)) {
    wipeHiddenKeys(k);
    throw new ServiceError('bad-input', SECRET_TAKEN);
  }
  const at = now();
  const record = {
    id: stableId(),
    meta: { ...meta, seenPerChat: true as const },
    cdk: randomKey(),
    wireKey: wireBytes(wire),
    suffix: wire.format === 'legacy' ? wire.suffix : '',
    nextCell: 0,
    nextMessage: 1,
    createdAt: at,
    lastActivity: at,
  };
  // The record and the first message in one transaction: a chat created on receipt never exists without it.
  let c: OpenChat | undefined;
  let messageId: MessageId | undefined;
  try {
    ctx.store.transaction(() => {
      c = register(ctx, HiddenChat.create(ctx.cells, k, record), wire);
      if (firstMessage) messageId = insertMessage(ctx, c.id, c, firstMessage.epoch, firstMessage.body);
    });
  } catch (e) {
    // Nothing was written; the chat opened for the write is forgotten with its keys.
    if (c) ctx.open.lock(c.id, 'request');
    else wipeHiddenKeys(k);
    throw e;
  }
  const id = (c as OpenChat).id;
  return { ...ctx.chat(id), ...(messageId === undefined ? {} : { messageId }) };
}

const damaged = () =>
  new ServiceError('unknown-message', 'A message of this chat cannot be read; the vault may be damaged.');

/** A row re-sealed for another chat id (and blind index): the body's associated data names both. */
function moveRow(
  c: OpenChat,
  row: MessageRow,
  to: number,
  keys: Pick<OpenChat, 'cdk' | 'seenKey'>,
): MessageRow {
  const body = openBody(c, row);
  if (!body) throw damaged();
  const seen = keys.seenKey === c.seenKey ? row.seen : seenIndex(keys.seenKey, body.pointer);
  const sealed = sealJson(keys.cdk, body, bodyAad(to, seen, row.epoch, row.stored_at, row.trashed === 1));
  return { ...row, chat_id: to, seen, body: sealed };
}

const allRows = (rows: { messages(trashed: boolean): MessageRow[] }): MessageRow[] =>
  [...rows.messages(false), ...rows.messages(true)].sort((a, b) => a.id - b.id);

/**
 * Moves a visible chat into the cells, in one transaction: its messages
 * (re-sealed for the chat's new id) into cells, its rows deleted. Needs the
 * secret again: the vault keeps no copy of it, and L is derived from it.
 */
export async function hideChat(ctx: ServiceContext, id: LocalChatId, secret: string): Promise<ChatSummary> {
  const s = ctx.requireSession();
  if (ctx.hidden.has(id)) throw new ServiceError('bad-input', 'This chat is hidden already.');
  const row = ctx.row(id);
  const keys = hiddenKeysFor(ctx, s, secret, locatorLog2N(ctx, ctx.meta(row)));
  keys.catch(() => undefined);
  try {
    // Checks the secret is this chat's (and opens it when locked).
    await unlockChat(ctx, id, secret);
  } catch (e) {
    wipeHiddenKeys(await keys.catch(() => ({ tag: new Uint8Array(0), box: new Uint8Array(0) })));
    throw e;
  }
  const k = await keys;
  checkSession(ctx, s, k);
  if (HiddenChat.exists(ctx.cells, k)) {
    wipeHiddenKeys(k);
    throw new ServiceError('bad-input', SECRET_TAKEN);
  }
  const c = ctx.openChat(id);
  const to = stableId();
  const rows = allRows(ctx.rows(id)).map((r) => moveRow(c, r, to, c));
  const wire = copyWire(c.wire);
  const h = ctx.store.transaction(() => {
    const h = HiddenChat.create(ctx.cells, k, {
      id: to,
      meta: { ...c.meta },
      cdk: c.cdk.slice(),
      wireKey: wireBytes(c.wire),
      suffix: c.wire.format === 'legacy' ? c.wire.suffix : '',
      nextCell: 0,
      nextMessage: 1,
      createdAt: row.created_at,
      lastActivity: row.last_activity,
    });
    h.adopt(rows);
    ctx.store.deleteChat(id);
    return h;
  });
  ctx.open.lock(id, 'request');
  register(ctx, h, wire);
  return ctx.chat(h.id as LocalChatId);
}

/** Moves an open hidden chat back among the visible chats, in one transaction; its cells become chaff. */
export async function showChat(ctx: ServiceContext, id: LocalChatId): Promise<ChatSummary> {
  ctx.requireSession();
  const h = ctx.hidden.get(id);
  if (!h) {
    // No such chat (or a closed hidden one) is refused as unknown, a visible one as already shown.
    ctx.chat(id);
    throw new ServiceError('bad-input', 'This chat is not hidden.');
  }
  const c = ctx.openChat(id);
  const rows = allRows(h);
  const shown = await insertChat(ctx, { ...c.meta }, copyWire(c.wire), undefined, (to, keys) => {
    for (const r of rows) {
      const moved = moveRow(c, r, to, keys);
      const mid = ctx.store.insertMessage(to, moved.seen, moved.epoch, moved.stored_at, moved.body);
      // The row id changed: the body is bound to it through the chat id, not the message id.
      if (moved.trashed) ctx.store.setTrashed(to, mid, true, moved.body);
      // As if the messages came in anew: each brings its chaff.
      addCover(ctx.cells, 'message');
    }
    ctx.store.touchChat(to, h.record.lastActivity);
    h.destroy();
  });
  ctx.open.lock(id, 'request');
  return ctx.chat(shown.id);
}

/** An open hidden chat given its secret again (unlock): called wrong when it is not the one that opens it. */
export async function verifyHiddenSecret(
  ctx: ServiceContext,
  id: LocalChatId,
  secret: string,
): Promise<ChatSummary> {
  const s = ctx.requireSession();
  const before = ctx.hidden.get(id);
  if (!before) throw new ServiceError('chat-locked', 'The chat was locked meanwhile.');
  const keys = await hiddenKeysFor(ctx, s, secret, locatorLog2N(ctx, before.record.meta));
  checkSession(ctx, s, keys);
  const h = ctx.hidden.get(id);
  const right = h?.hasKeys(keys) ?? false;
  wipeHiddenKeys(keys);
  if (!h) throw new ServiceError('chat-locked', 'The chat was locked meanwhile.');
  if (!right)
    throw new ServiceError('wrong-secret', `That is not the secret of chat "${h.record.meta.name}".`);
  return ctx.chat(id);
}

import { kProblem, legacyChatIdProblem } from '../../src-shared/checks.js';
import { LIMITS } from '../../src-shared/limits.js';
import type { ChatSummary, LocalChatId, MessageId, NewChat } from '../../src-shared/types.js';
import { toHex, wipe } from '../core/bytes.js';
import { sealJson } from '../vault/box.js';
import type { ChatRow } from '../vault/rows.js';
import {
  type ChatKeyBox,
  chatProof,
  deriveSealedWireKey,
  legacyWireKey,
  newSealedWireId,
  openChatKeyBox,
  openRememberedBox,
  sealChatKeyBox,
  sealRememberedBox,
  type WireKey,
  wipeWireKey,
} from './chat-secrets.js';
import { now, type ServiceContext } from './context.js';
import { refuseWeakCost, weakCost } from './cost-floor.js';
import { addCover } from './hidden/cover.js';
import { createHiddenChat, hiddenKeysFor, locatorLog2N, verifyHiddenSecret } from './hidden/hidden-chats.js';
import { insertMessage, searchIndex } from './messages.js';
import { type ChatMeta, chatCost, type MessageBody, type OpenChat } from './records.js';
import { rekeySeen } from './seen-rekey.js';
import { ServiceError } from './service-error.js';
import {
  chatSeenKey,
  chatUnlockKey,
  LEGACY_PROOF_LOG2N,
  randomKey,
  randomSalt,
  routeIndex,
} from './vault-keys.js';

// A chat's keys: created with a secret, opened with it (or with the login when
// remembered), locked by hand, by idle time or all at once. See vault-keys.ts
// for the hierarchy.

export async function createChat(ctx: ServiceContext, req: NewChat): Promise<ChatSummary> {
  ctx.requireSession();
  const name = ctx.checkName(req.name);
  if (req.secret.trim() === '') throw new ServiceError('bad-input', 'The chat secret is empty.');
  if (req.format === 'legacy') {
    const wire = (req.legacyId ?? String(100000 + Math.floor(Math.random() * 900000))).trim();
    const problem = legacyChatIdProblem(wire);
    if (problem) throw new ServiceError('bad-input', problem);
    const wireKey = legacyWireKey(req.secret, wire, req.suffix?.trim() || undefined);
    const meta: ChatMeta = { name, format: 'legacy', wire, createdHere: true };
    return req.hidden ? createHiddenChat(ctx, meta, wireKey, req.secret) : insertChat(ctx, meta, wireKey);
  }
  if (req.legacyId !== undefined || req.suffix !== undefined) {
    throw new ServiceError('bad-input', 'A chat id and suffix are chosen only for legacy chats.');
  }
  const k = req.k ?? ctx.opts.chatLog2N ?? LIMITS.kDefault;
  const problem = kProblem(k);
  if (problem) throw new ServiceError('bad-input', problem);
  const wire = newSealedWireId();
  // A hidden chat's L is queued beside K, so the two derivations run back to back.
  const hidden = req.hidden
    ? hiddenKeysFor(ctx, ctx.requireSession(), req.secret, locatorLog2N(ctx, { format: 'sealed-v2', k }))
    : undefined;
  hidden?.catch(() => undefined);
  const key = await deriveSealedWireKey(ctx.kdf, req.secret, wire, k);
  const meta: ChatMeta = { name, format: 'sealed-v2', wire, k, createdHere: true };
  return hidden
    ? createHiddenChat(ctx, meta, { format: 'sealed-v2', key }, req.secret, hidden)
    : insertChat(ctx, meta, { format: 'sealed-v2', key });
}

/**
 * Writes a new chat row and opens it. `firstMessage`, when given, is stored in
 * the same transaction: a chat created on receipt never exists without it;
 * so is what `fill` writes (a hidden chat's messages, moved back among the visible ones).
 */
export async function insertChat(
  ctx: ServiceContext,
  given: ChatMeta,
  wire: WireKey,
  firstMessage?: { epoch: number; body: MessageBody },
  fill?: (id: LocalChatId, keys: Pick<OpenChat, 'cdk' | 'seenKey'>) => void,
): Promise<ChatSummary & { messageId?: MessageId }> {
  const s = ctx.requireSession();
  const salt = randomSalt();
  // A new chat's duplicate index is keyed by its own K_seen from the start.
  const meta: ChatMeta = {
    ...given,
    ...(given.format === 'legacy' ? { proofLog2N: ctx.opts.chatLog2N ?? LEGACY_PROOF_LOG2N } : {}),
    seenPerChat: true,
  };
  const proof = await chatProof(ctx.kdf, wire, salt, meta.proofLog2N);
  // The proof took a while: if the person logged out meanwhile, write nothing.
  if (ctx.session !== s)
    throw new ServiceError('not-logged-in', 'Logged out before the chat was created; nothing was stored.');
  const cdk = randomKey();
  const seenKey = chatSeenKey(cdk);
  const unlockKey = chatUnlockKey(s.dk, salt, proof);
  const keyBox = sealChatKeyBox(
    unlockKey,
    wire.format === 'legacy' ? { cdk, suffix: wire.suffix } : { cdk },
    `chat-key|${toHex(salt)}`,
  );
  wipe(unlockKey, proof);
  let messageId: MessageId | undefined;
  const id = ctx.store.transaction(() => {
    const id = ctx.store.insertChat(
      routeIndex(s.dk, meta.format, meta.wire),
      Buffer.alloc(0),
      salt,
      keyBox,
      now(),
    ) as LocalChatId;
    ctx.store.setChatMeta(id, sealJson(s.dk, meta, `chat-meta|${id}`));
    if (firstMessage)
      messageId = insertMessage(ctx, id, { cdk, seenKey }, firstMessage.epoch, firstMessage.body);
    fill?.(id, { cdk, seenKey });
    addCover(ctx.cells, 'chat');
    return id;
  });
  ctx.open.add({ id, meta, cdk, seenKey, wire, remembered: false, lastUsed: Date.now() });
  return { ...ctx.chat(id), ...(messageId === undefined ? {} : { messageId }) };
}

/** Opens a chat with its secret. A wrong secret opens nothing and changes nothing. */
export async function unlockChat(ctx: ServiceContext, id: LocalChatId, secret: string): Promise<ChatSummary> {
  const s = ctx.requireSession();
  if (ctx.hidden.has(id)) return verifyHiddenSecret(ctx, id, secret);
  const row = ctx.row(id);
  const meta = ctx.meta(row);
  refuseWeakCost(meta.proofLog2N, ctx.opts.chatLog2N, `Chat "${meta.name}"`);
  const wire: WireKey =
    meta.format === 'sealed-v2'
      ? { format: 'sealed-v2', key: await deriveSealedWireKey(ctx.kdf, secret, meta.wire, chatCost(meta)) }
      : legacyWireKey(secret, meta.wire);
  const proof = await chatProof(ctx.kdf, wire, row.unlock_salt, meta.proofLog2N);
  // The proof is wiped whatever happens; the wire key is kept only by a chat it opens.
  let kept = false;
  try {
    if (ctx.session !== s) throw new ServiceError('not-logged-in', 'Log in first.');
    // An open chat stays as it is, but a wrong secret is still called wrong.
    let opened: boolean;
    if (ctx.open.has(id)) {
      const box = openSecretBox(ctx, row, proof);
      if (box) wipe(box.cdk);
      opened = box !== undefined;
    } else opened = kept = openWithProof(ctx, row, meta, wire, proof);
    if (!opened) throw new ServiceError('wrong-secret', `That is not the secret of chat "${meta.name}".`);
  } finally {
    wipe(proof);
    if (!kept) wipeWireKey(wire);
  }
  return ctx.chat(id);
}

/** The chat's data key box, opened by a proof of its secret; undefined when the proof is not its. */
function openSecretBox(ctx: ServiceContext, row: ChatRow, proof: Uint8Array): ChatKeyBox | undefined {
  const unlockKey = chatUnlockKey(ctx.requireSession().dk, row.unlock_salt, proof);
  const box = openChatKeyBox(unlockKey, row.wrapped_key, `chat-key|${toHex(row.unlock_salt)}`);
  wipe(unlockKey);
  return box;
}

/** Tries a proof against a chat row; on success the chat is open. */
function openWithProof(
  ctx: ServiceContext,
  row: ChatRow,
  meta: ChatMeta,
  wire: WireKey,
  proof: Uint8Array,
): boolean {
  const box = openSecretBox(ctx, row, proof);
  if (!box) return false;
  const cdk = box.cdk;
  const w: WireKey = wire.format === 'legacy' ? { ...wire, suffix: box.suffix ?? wire.suffix } : wire;
  const id = row.id as LocalChatId;
  const seenKey = chatSeenKey(cdk);
  // An older vault's rows are re-indexed under K_seen before the chat is used (seen-rekey.ts).
  let current: ChatMeta;
  try {
    current = rekeySeen(ctx, { id, cdk, seenKey }, meta);
  } catch (e) {
    // Rolled back (the vault busy with another process, say): the chat stays locked, its keys gone.
    wipe(cdk, seenKey);
    throw e;
  }
  const remembered = row.remembered !== null;
  const c: OpenChat = { id, meta: current, cdk, seenKey, wire: w, remembered, lastUsed: Date.now() };
  ctx.open.add(c);
  // Opened once now, in the background, so a search later need not decrypt the chat.
  searchIndex(ctx, c);
  return true;
}

/** At login: opens a chat whose key the person chose to remember on this computer. */
export function openRemembered(ctx: ServiceContext, row: ChatRow): void {
  const s = ctx.requireSession();
  const meta = ctx.meta(row);
  if (weakCost(meta.proofLog2N, ctx.opts.chatLog2N)) return;
  const chat = { format: meta.format, wire: meta.wire, k: chatCost(meta) };
  const box = openRememberedBox(s.dk, row.remembered as Buffer, `chat-remember|${row.id}`, chat);
  if (!box) return;
  try {
    if (!openWithProof(ctx, row, meta, box.wire, box.proof)) wipeWireKey(box.wire);
  } catch {
    // Its first opening could not re-index it (seen-rekey.ts): the login goes on with this chat
    // locked, and unlocking it by hand tries again and says what failed.
    wipeWireKey(box.wire);
  } finally {
    wipe(box.proof);
  }
}

export function lockChat(ctx: ServiceContext, id: LocalChatId): void {
  if (!ctx.hidden.has(id)) ctx.row(id);
  ctx.open.lock(id, 'request');
}

/** Locks every chat that is not remembered (suspend, screen lock, or on request). */
export function lockAll(ctx: ServiceContext, reason: 'suspend' | 'request' = 'request'): void {
  ctx.requireSession();
  ctx.open.lockAllButRemembered();
  ctx.emit({ type: 'all-locked', reason });
}

/** Locks chats idle longer than the setting; remembered chats stay open while logged in. */
export function lockIdleChats(ctx: ServiceContext, at = Date.now()): LocalChatId[] {
  const minutes = ctx.session?.settings.autoLockMinutes ?? 0;
  return minutes > 0 ? ctx.open.lockIdle(at - minutes * 60_000) : [];
}

/** Keeps this chat's key wrapped under the profile key: it then unlocks with the login. */
export async function rememberChat(ctx: ServiceContext, id: LocalChatId): Promise<ChatSummary> {
  const s = ctx.requireSession();
  if (ctx.hidden.has(id))
    throw new ServiceError(
      'bad-input',
      'A hidden chat cannot be remembered: that would need a box the login alone opens, which would show it exists.',
    );
  const c = ctx.openChat(id);
  const row = ctx.row(id);
  const proof = await chatProof(ctx.kdf, c.wire, row.unlock_salt, c.meta.proofLog2N);
  try {
    if (ctx.session !== s || ctx.open.get(id) !== c) {
      throw new ServiceError('chat-locked', 'The chat was locked meanwhile; nothing was remembered.');
    }
    ctx.store.setRemembered(id, sealRememberedBox(s.dk, proof, c.wire, `chat-remember|${id}`));
  } finally {
    wipe(proof);
  }
  ctx.open.add({ ...c, remembered: true });
  return ctx.chat(id);
}

/** Forgets the remembered key: the chat needs its secret again after this session. */
export function forgetChat(ctx: ServiceContext, id: LocalChatId): ChatSummary {
  if (ctx.hidden.has(id)) return ctx.chat(id);
  ctx.row(id);
  ctx.store.setRemembered(id, null);
  const c = ctx.open.get(id);
  if (c) ctx.open.add({ ...c, remembered: false });
  return ctx.chat(id);
}

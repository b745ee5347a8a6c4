import type { ChatInfo, ChatSummary, LocalChatId } from '../../src-shared/types.js';
import { toHex } from '../core/bytes.js';
import { fingerprintCode, legacyFingerprintParams, sealedFingerprintBytes } from '../core/fingerprint.js';
import { sealJson } from '../vault/box.js';
import type { ServiceContext } from './context.js';
import { hiddenSummary } from './hidden/registry.js';
import { ServiceError } from './service-error.js';

// The chat list and what the login alone may do to a chat: find, rename,
// delete. Reading a chat's details needs it open.

export function listChats(ctx: ServiceContext): ChatSummary[] {
  ctx.requireSession();
  // Open hidden chats are listed like any other; closed ones are nowhere to list.
  const hidden = ctx.hidden.all().map(hiddenSummary);
  const visible = ctx.store.chats().map((r) => ctx.summary(r));
  return hidden.length === 0
    ? visible
    : [...visible, ...hidden].sort((a, b) => b.lastActivity - a.lastActivity);
}

/** Finds a chat by local id, wire id or unique name, as the CLI's CHAT argument. */
export function findChat(ctx: ServiceContext, ref: string): ChatSummary {
  const chats = listChats(ctx);
  const byId = /^\d+$/.test(ref) ? chats.filter((c) => String(c.id) === ref) : [];
  if (byId.length === 1) return byId[0] as ChatSummary;
  const matches = chats.filter((c) => c.name === ref || c.wireId === ref);
  if (matches.length === 1) return matches[0] as ChatSummary;
  if (matches.length > 1) {
    throw new ServiceError(
      'ambiguous-chat',
      `"${ref}" names ${matches.length} chats; use the number from \`clm chats\` (${matches.map((c) => c.id).join(', ')}).`,
    );
  }
  throw new ServiceError('unknown-chat', `There is no chat "${ref}".`);
}

export function renameChat(ctx: ServiceContext, id: LocalChatId, name: string): ChatSummary {
  const s = ctx.requireSession();
  const h = ctx.hidden.get(id);
  if (h) {
    const meta = { ...h.record.meta, name: ctx.checkName(name) };
    h.setMeta(meta);
    const c = ctx.open.get(id);
    if (c) ctx.open.add({ ...c, meta });
    return ctx.chat(id);
  }
  const meta = { ...ctx.meta(ctx.row(id)), name: ctx.checkName(name) };
  ctx.store.setChatMeta(id, sealJson(s.dk, meta, `chat-meta|${id}`));
  const c = ctx.open.get(id);
  if (c) ctx.open.add({ ...c, meta });
  return ctx.chat(id);
}

/** Needs the login, not the chat's secret: a chat whose secret is forgotten can still be removed. */
export function deleteChat(ctx: ServiceContext, id: LocalChatId): void {
  const h = ctx.hidden.get(id);
  if (h) {
    // Its cells become chaff: the count of cells stays, nothing of the chat does.
    h.destroy();
    ctx.open.lock(id, 'request');
    return;
  }
  const row = ctx.row(id);
  ctx.open.lock(id, 'request');
  // Hiding a chat deletes its rows and adds cells: deleting one adds as many chaff cells (a record,
  // a cell a message), so a chat gone between two copies of the vault says neither which it was.
  ctx.store.transaction(() => {
    ctx.store.deleteChat(id);
    ctx.cells.addChaff(1 + row.count + row.trashed_count);
  });
}

/** The chat with its cost, suffix and fingerprint: what two people compare to know they share a secret. */
export async function chatInfo(ctx: ServiceContext, id: LocalChatId): Promise<ChatInfo> {
  const c = ctx.openChat(id);
  let F: Uint8Array;
  if (c.wire.format === 'sealed-v2') F = sealedFingerprintBytes(c.wire.key);
  else {
    const p = legacyFingerprintParams(c.wire.secret, c.meta.wire, c.wire.suffix);
    if (!p.ok) throw new ServiceError('bad-input', p.error.message);
    F = await ctx.kdf.scrypt(p.value.password, p.value.salt, p.value.log2N, p.value.dkLen);
  }
  return {
    ...ctx.chat(id),
    ...(c.meta.k === undefined ? {} : { k: c.meta.k }),
    ...(c.wire.format === 'legacy' ? { suffix: c.wire.suffix } : {}),
    fingerprint: fingerprintCode(F),
    fingerprintHex: toHex(F),
  };
}

import { sealJson } from '../vault/box.js';
import type { ServiceContext } from './context.js';
import { bodyAad, openBody } from './messages.js';
import type { ChatMeta, OpenChat } from './records.js';
import { seenIndex } from './vault-keys.js';

/** Rows read at a time: a big chat is rewritten without holding all of it in memory. */
const CHUNK = 1000;

/**
 * Vaults written before the duplicate index was keyed per chat hold
 * HMAC(DK, pointer) in `seen`, which the login alone can compute. The chat's
 * first unlock is the first moment its data key is known: every row then gets
 * HMAC(K_seen, pointer), with its body sealed anew (a body is bound to its
 * index, so the old box would no longer open), and the chat's meta says it is
 * done. All in one transaction: a crash leaves the chat all old or all new,
 * and the next unlock starts again. A body that does not open (damaged) keeps
 * its row untouched: nothing is ever deleted here.
 *
 * The flag lives in the meta box, sealed under DK like the rest of the meta:
 * it tells a holder of the login only that old rows exist, which the old rows
 * themselves already tell them.
 *
 * Returns the chat's meta as it now is.
 */
export function rekeySeen(
  ctx: ServiceContext,
  c: Pick<OpenChat, 'id' | 'cdk' | 'seenKey'>,
  meta: ChatMeta,
): ChatMeta {
  if (meta.seenPerChat) return meta;
  const s = ctx.requireSession();
  const next: ChatMeta = { ...meta, seenPerChat: true };
  const store = ctx.store;
  store.transaction(() => {
    let after = 0;
    for (;;) {
      const rows = store.chatRowsAfterId(c.id, after, CHUNK);
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.id;
        const body = openBody(c, row);
        if (!body) continue;
        const seen = seenIndex(c.seenKey, body.pointer);
        if (seen.equals(row.seen)) continue;
        const aad = bodyAad(c.id, seen, row.epoch, row.stored_at, row.trashed === 1);
        store.rekeyMessage(c.id, row.id, seen, sealJson(c.cdk, body, aad));
      }
    }
    store.setChatMeta(c.id, sealJson(s.dk, next, `chat-meta|${c.id}`));
  });
  return next;
}

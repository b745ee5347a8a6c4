import type { ChatSummary, Direction, Format, LocalChatId, MessageId } from '../../../src-shared/types.js';
import type { Pointer } from '../../core/pointer-types.js';
import type { WireKey } from '../chat-secrets.js';
import type { ServiceContext, Session } from '../context.js';
import type { ImportOptions } from '../import-options.js';
import type { ChatRef, Seen } from '../import-router.js';
import { messageView } from '../messages.js';
import type { ChatMeta, MessageBody, OpenChat } from '../records.js';
import { createHiddenChat, hiddenKeysFor, locatorLog2N, openHiddenFor } from './hidden-chats.js';
import { type HiddenKeys, wipeHiddenKeys } from './hidden-keys.js';

/**
 * What an import needs of hidden chats (docs/hidden-chats.md): open ones are
 * candidates like any open chat (matched by format and wire id in memory, no
 * index in the vault); a closed one is found only through the secret given
 * with the paste, by deriving its L (once a paste and cost level, beside the
 * chat's own key; a pointer's own cost says which level its chat uses).
 */
export function hiddenImport(
  ctx: ServiceContext,
  s: Session,
  opts: ImportOptions,
  direction: (author: string) => Direction,
) {
  const secret = opts.secret?.trim() ? opts.secret : undefined;
  const keys = new Map<number, Promise<HiddenKeys | undefined>>();
  const keysOnce = (meta: Pick<ChatMeta, 'format' | 'k'>) => {
    if (secret === undefined) return Promise.resolve(undefined);
    const log2N = locatorLog2N(ctx, meta);
    let k = keys.get(log2N);
    if (!k) {
      k = hiddenKeysFor(ctx, s, secret, log2N).catch(() => undefined);
      keys.set(log2N, k);
    }
    return k;
  };
  const copy = (k: HiddenKeys): HiddenKeys => ({ tag: k.tag.slice(), box: k.box.slice() });
  const ref = (c: OpenChat): ChatRef => ({ id: c.id, name: c.meta.name });

  return {
    /** Open hidden chats with this wire id. */
    candidates(format: Format, wire: string): ChatRef[] {
      return ctx.hidden
        .matching(format, wire)
        .map((h) => ({ id: h.id as LocalChatId, name: h.record.meta.name }));
    },

    /** The open hidden chat holding a pointer under this blind index, if any. */
    seen(key: Buffer): Seen | undefined {
      for (const h of ctx.hidden.all()) {
        const row = h.bySeen(key);
        const c = row && ctx.open.get(h.id as LocalChatId);
        if (row && c) return { chat: ref(c), direction: messageView(c, row).direction };
      }
      return undefined;
    },

    /** The closed hidden chat the paste's secret locates, opened, when it is this pointer's chat. */
    async find(p: Pointer): Promise<{ ref: ChatRef; chat: OpenChat } | undefined> {
      const k = await keysOnce(
        p.format === 'sealed-v2' ? { format: p.format, k: p.k } : { format: p.format },
      );
      if (!k || ctx.session !== s) return undefined;
      const c = openHiddenFor(ctx, s, copy(k), secret as string, p.format, p.chat);
      return c && { ref: ref(c), chat: c };
    },

    /** A chat created on receipt, hidden: with its first message, in one go. */
    async create(
      meta: ChatMeta,
      wire: WireKey,
      epoch: number,
      body: Omit<MessageBody, 'dir'>,
    ): Promise<{ chat: ChatSummary; messageId: MessageId }> {
      const k = keysOnce(meta).then((x) => {
        if (!x) throw new Error('The hidden key could not be derived.');
        return copy(x);
      });
      const chat = await createHiddenChat(ctx, meta, wire, secret as string, k, {
        epoch,
        body: { ...body, dir: direction(body.author) },
      });
      return { chat, messageId: chat.messageId as MessageId };
    },

    /** The paste is done: its L-derived keys go. */
    async wipe(): Promise<void> {
      for (const k of await Promise.all(keys.values())) if (k) wipeHiddenKeys(k);
    },
  };
}

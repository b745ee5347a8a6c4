import { LIMITS } from '../../src-shared/limits.js';
import type { ClipboardOffer, Format, LocalChatId } from '../../src-shared/types.js';
import { parsePaste } from '../core/paste.js';
import { pointerToText } from '../core/pointer-parse.js';
import type { ServiceContext } from './context.js';
import { routeIndex, seenIndex } from './vault-keys.js';

const NOTHING: ClipboardOffer = { pointers: 0, text: '' };

/**
 * The pointers (and clm: links' pointers) in a text that this profile has not
 * stored: what the window offers to import when it gains the focus. The
 * duplicate index is keyed per chat, so only the open chats a pointer routes
 * to can say it is stored; a pointer of a locked or unknown chat is offered
 * (the import then asks for the secret, and recognises it once the chat
 * opens). Nothing is opened or stored.
 */
export function unstoredPointers(ctx: ServiceContext, text: string): ClipboardOffer {
  const s = ctx.requireSession();
  if (!text.trim() || text.length > LIMITS.pasteBytes) return NOTHING;
  // The open chats each wire id routes to, looked up once per wire id.
  const routes = new Map<string, Uint8Array[]>();
  const seenKeys = (format: Format, wire: string): Uint8Array[] => {
    const id = `${format}|${wire}`;
    let keys = routes.get(id);
    if (!keys) {
      keys = [
        ...ctx.store.chatsByRoute(routeIndex(s.dk, format, wire)).map((row) => row.id as LocalChatId),
        ...ctx.hidden.matching(format, wire).map((h) => h.id as LocalChatId),
      ].flatMap((id) => ctx.open.get(id)?.seenKey ?? []);
      routes.set(id, keys);
    }
    return keys;
  };
  const items: { text: string; keys: Buffer[] }[] = [];
  for (const item of parsePaste(text)) {
    if (!item.result.ok) continue;
    const p = item.result.value;
    const canonical = pointerToText(p);
    items.push({ text: item.text, keys: seenKeys(p.format, p.chat).map((k) => seenIndex(k, canonical)) });
  }
  const stored = ctx.store.seenMany(items.flatMap((x) => x.keys));
  const held = (k: Buffer) => stored.has(k.toString('hex')) || ctx.hidden.holds(k);
  const fresh = items.filter((x) => !x.keys.some(held)).map((x) => x.text);
  return { pointers: fresh.length, text: fresh.join('\n') };
}

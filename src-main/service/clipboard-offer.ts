import { LIMITS } from '../../src-shared/limits.js';
import type { ClipboardOffer } from '../../src-shared/types.js';
import { parsePaste } from '../core/paste.js';
import { pointerToText } from '../core/pointer-parse.js';
import type { ServiceContext } from './context.js';
import { seenIndex } from './vault-keys.js';

const NOTHING: ClipboardOffer = { pointers: 0, text: '' };

/**
 * The pointers (and clm: links' pointers) in a text that this profile has not
 * stored: what the window offers to import when it gains the focus. Only the
 * duplicate index is consulted, so a locked chat's pointers are offered too
 * (the import then asks for the secret); nothing is opened or stored.
 */
export function unstoredPointers(ctx: ServiceContext, text: string): ClipboardOffer {
  const s = ctx.requireSession();
  if (!text.trim() || text.length > LIMITS.pasteBytes) return NOTHING;
  const fresh: string[] = [];
  for (const item of parsePaste(text)) {
    if (!item.result.ok) continue;
    if (!ctx.store.seen(seenIndex(s.dk, pointerToText(item.result.value)))) fresh.push(item.text);
  }
  return { pointers: fresh.length, text: fresh.join('\n') };
}

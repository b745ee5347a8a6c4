import type { ChatSummary, LocalChatId } from '../../../src-shared/types.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../service-error.js';

// Hidden chats (docs/hidden-chats.md): kept only in the vault's cells, opened
// by their secret alone, listed while open and gone again on lock or logout.

const notYet = (): never => {
  throw new ServiceError('bad-input', 'Hidden chats are not available yet.');
};

/** Opens the hidden chat this secret locates; the same refusal whether or not any hidden chat exists. */
export async function openHidden(_ctx: ServiceContext, _secret: string): Promise<ChatSummary> {
  return notYet();
}

/** Moves a visible chat into the cells; needs its secret again (the vault does not keep it). */
export async function hideChat(
  _ctx: ServiceContext,
  _id: LocalChatId,
  _secret: string,
): Promise<ChatSummary> {
  return notYet();
}

/** Moves an open hidden chat back into the visible tables. */
export function showChat(_ctx: ServiceContext, _id: LocalChatId): ChatSummary {
  return notYet();
}

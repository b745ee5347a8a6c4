/**
 * Setup shared by the hidden-chat router tests: a router with a clipboard and
 * a save dialog that cancels, over a vault holding a visible chat and a closed
 * hidden one with a message.
 */
import { expect } from 'vitest';
import { createRouter } from '../../../src-main/ipc/router.js';
import type { Messenger } from '../../../src-main/service/messenger.js';
import type { BridgeResult } from '../../../src-shared/contract.js';
import type { ChatSummary } from '../../../src-shared/types.js';
import { MASTER, OPEN_SECRET, openMessenger } from './fixtures.js';

export const HIDDEN_SECRET = 'hidden-chat-SECRET-5e7d';
export const NO_HIDDEN = 'No hidden chat opens with this secret.';

/** A router whose clipboard holds `clip.text`, and whose save dialog would write into nowhere (never reached here). */
export function routed(m: Messenger) {
  const clip = { text: '' };
  const saved: string[] = [];
  const route = createRouter({
    messenger: m,
    writeClipboard: () => {},
    readClipboard: () => clip.text,
    emit: () => {},
    files: {
      saveAs: async (o) => {
        saved.push(o.title);
        return undefined;
      },
      open: async () => undefined,
    },
  });
  const call = (name: string, args?: unknown) => route(`clm:${name}`, args);
  const value = async <T>(name: string, args?: unknown): Promise<T> => {
    const r = await call(name, args);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  return { call, value, clip, saved };
}

/** Alice's vault: a visible chat and a hidden one holding a message, then the hidden one locked (closed). */
export async function withClosedHidden() {
  const m = openMessenger();
  const r = routed(m);
  await r.value('createProfile', { nickname: 'alice', master: MASTER });
  const visible = await r.value<ChatSummary>('createChat', {
    name: 'Book club',
    secret: OPEN_SECRET,
    format: 'sealed-v2',
  });
  const hidden = await r.value<ChatSummary>('createChat', {
    name: 'Whistle',
    secret: HIDDEN_SECRET,
    format: 'sealed-v2',
    hidden: true,
  });
  expect(hidden).toMatchObject({ name: 'Whistle', hidden: true, locked: false });
  const sent = await r.value<{ pointer: string }>('send', { chatId: hidden.id, text: 'meet at the quay' });
  await r.value('send', { chatId: visible.id, text: 'chapter three' });
  await r.value('lockChat', { chatId: hidden.id });
  return { m, ...r, visible, hidden, pointer: sent.pointer };
}

/** The refusal a never-existing chat id of the same size gets, with the id put back in. */
export async function unknownRefusal(
  call: (n: string, a?: unknown) => Promise<BridgeResult<unknown>>,
  name: string,
  args: Record<string, unknown>,
  id: number,
) {
  const never = id + 1;
  const r = await call(name, { ...args, chatId: never });
  return JSON.parse(JSON.stringify(r).replaceAll(String(never), String(id)));
}

/**
 * Pointers of a hidden chat through the router's import (issue 13): while the
 * chat is closed its pointer reads as one of an unknown chat; its secret
 * routes the pointer into the hidden chat, never into a second, visible copy;
 * a chat created on receipt can be made hidden.
 */
import { describe, expect, it } from 'vitest';
import type { ChatSummary, ClipboardOffer, ImportOutcome } from '../../../src-shared/types.js';
import { MASTER, openMessenger } from './fixtures.js';
import { HIDDEN_SECRET, routed, withClosedHidden } from './hidden-fixtures.js';

const names = (list: ChatSummary[]) => list.map((c) => [c.name, c.hidden ?? false]);

describe('a hidden chat’s pointers', () => {
  it('with its secret, a closed hidden chat’s pointer is stored in it (no visible copy), and a duplicate once open', async () => {
    const w = await withClosedHidden();
    // Bob's reply, written in another vault that holds the same chat visibly.
    const bob = routed(openMessenger());
    await bob.value('createProfile', { nickname: 'bob', master: MASTER });
    const shared = await bob.value<ImportOutcome[]>('importPaste', {
      text: w.pointer,
      secret: HIDDEN_SECRET,
    });
    const bobChat = (shared[0] as { chatId: number }).chatId;
    const reply = await bob.value<{ pointer: string }>('send', { chatId: bobChat, text: 'at noon' });

    const got = await w.value<ImportOutcome[]>('importPaste', { text: reply.pointer, secret: HIDDEN_SECRET });
    expect(got).toMatchObject([{ kind: 'stored', chatId: w.hidden.id, chatName: 'Whistle', created: false }]);
    expect(names(await w.value('listChats'))).toEqual(
      expect.arrayContaining([
        ['Book club', false],
        ['Whistle', true],
      ]),
    );
    expect(await w.value<ChatSummary[]>('listChats')).toHaveLength(2);
    expect(await w.value('history', { chatId: w.hidden.id })).toMatchObject({
      total: 2,
      messages: [{ text: 'meet at the quay' }, { text: 'at noon', direction: 'received', author: 'bob' }],
    });
    expect(await w.value('importPaste', { text: reply.pointer })).toMatchObject([
      { kind: 'duplicate', chatId: w.hidden.id },
    ]);
    await w.value('lockChat', { chatId: w.hidden.id });
    expect(names(await w.value('listChats'))).toEqual([['Book club', false]]);
  });

  it('the clipboard offer counts its pointer as stored only while it is open', async () => {
    const w = await withClosedHidden();
    const opened = await w.value<ChatSummary>('openHiddenChat', { secret: HIDDEN_SECRET });
    w.clip.text = w.pointer;
    expect(await w.value<ClipboardOffer>('clipboardPointers')).toEqual({ pointers: 0, text: '' });
    await w.value('lockChat', { chatId: opened.id });
    expect(await w.value<ClipboardOffer>('clipboardPointers')).toEqual({ pointers: 1, text: w.pointer });
  });

  it('importPaste with hidden: the chat created on receipt is hidden, and gone once locked', async () => {
    const w = await withClosedHidden();
    const bob = routed(openMessenger());
    await bob.value('createProfile', { nickname: 'bob', master: MASTER });
    const got = await bob.value<ImportOutcome[]>('importPaste', {
      text: w.pointer,
      secret: HIDDEN_SECRET,
      hidden: true,
    });
    expect(got).toMatchObject([{ kind: 'stored', created: true, chatName: 'Whistle' }]);
    const id = (got[0] as { chatId: number }).chatId;
    expect(await bob.value('listChats')).toMatchObject([{ id, name: 'Whistle', hidden: true, count: 1 }]);
    await bob.value('lockChat', { chatId: id });
    expect(await bob.value('listChats')).toEqual([]);
    expect(await bob.value('openHiddenChat', { secret: HIDDEN_SECRET })).toMatchObject({ id, count: 1 });
  });
});

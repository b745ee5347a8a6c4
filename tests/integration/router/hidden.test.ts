/**
 * Hidden chats through the router (issue 13): while closed, no call shows a
 * trace of one (the list, its id, search, export, history, the clipboard
 * offer); openHiddenChat brings it back with its messages; locking it or
 * logging out makes it vanish again. Hiding and showing move a chat between
 * the two worlds.
 */
import { describe, expect, it } from 'vitest';
import type { ChatSummary, ClipboardOffer, ImportOutcome } from '../../../src-shared/types.js';
import { LOCKED_SECRET, MASTER, OPEN_SECRET, openMessenger, WRONG_SECRET } from './fixtures.js';
import { HIDDEN_SECRET, NO_HIDDEN, routed, unknownRefusal, withClosedHidden } from './hidden-fixtures.js';

describe('a closed hidden chat shows through no call', () => {
  it('not in the list, and its id refused exactly as an id that never existed', async () => {
    const w = await withClosedHidden();
    const list = await w.value<ChatSummary[]>('listChats');
    expect(list.map((c) => c.name)).toEqual(['Book club']);
    expect(list.some((c) => 'hidden' in c)).toBe(false);
    const id = w.hidden.id;
    const byId: [string, Record<string, unknown>][] = [
      ['chatInfo', {}],
      ['history', {}],
      ['history', { trash: true }],
      ['search', { query: 'quay' }],
      ['send', { text: 'anyone there?' }],
      ['exportChat', {}],
      ['unlockChat', { secret: HIDDEN_SECRET }],
      ['lockChat', {}],
      ['renameChat', { name: 'Found you' }],
      ['deleteChat', {}],
      ['showChat', {}],
      ['hideChat', { secret: HIDDEN_SECRET }],
      ['emptyTrash', {}],
    ];
    for (const [name, args] of byId) {
      const r = await w.call(name, { ...args, chatId: id });
      expect(r, name).toEqual({
        ok: false,
        error: { code: 'unknown-chat', message: `There is no chat ${id}.` },
      });
      expect(r, name).toEqual(await unknownRefusal(w.call, name, args, id));
    }
    // Nothing reached a save dialog, and the visible chat's search knows nothing of the hidden one.
    expect(w.saved).toEqual([]);
    expect(await w.value('search', { chatId: w.visible.id, query: 'quay' })).toEqual([]);
    expect(await w.value<ChatSummary[]>('listChats')).toEqual(list);
  });

  it('its pointer on the clipboard is offered as one not stored, and pasted without a secret reads as an unknown chat', async () => {
    const w = await withClosedHidden();
    w.clip.text = w.pointer;
    expect(await w.value<ClipboardOffer>('clipboardPointers')).toEqual({ pointers: 1, text: w.pointer });
    const outcomes = await w.value<ImportOutcome[]>('importPaste', { text: w.pointer });
    expect(outcomes).toMatchObject([{ kind: 'new-chat', format: 'sealed-v2', wireId: w.hidden.wireId }]);
    expect((await w.value<ChatSummary[]>('listChats')).map((c) => c.name)).toEqual(['Book club']);
  });

  it('a wrong secret opens nothing, with the same sentence as in a vault without hidden chats', async () => {
    const w = await withClosedHidden();
    expect(await w.call('openHiddenChat', { secret: WRONG_SECRET })).toEqual({
      ok: false,
      error: { code: 'wrong-secret', message: NO_HIDDEN },
    });
    // The visible chat's secret is no hidden chat's either.
    expect(await w.call('openHiddenChat', { secret: OPEN_SECRET })).toEqual({
      ok: false,
      error: { code: 'wrong-secret', message: NO_HIDDEN },
    });
    const empty = routed(openMessenger());
    await empty.value('createProfile', { nickname: 'bob', master: MASTER });
    expect(await empty.call('openHiddenChat', { secret: WRONG_SECRET })).toEqual({
      ok: false,
      error: { code: 'wrong-secret', message: NO_HIDDEN },
    });
    expect((await w.value<ChatSummary[]>('listChats')).map((c) => c.name)).toEqual(['Book club']);
  });
});

describe('openHiddenChat brings it back until it locks or the session ends', () => {
  it('listed as hidden with its messages; every chat call works; lockChat makes it vanish', async () => {
    const w = await withClosedHidden();
    const opened = await w.value<ChatSummary>('openHiddenChat', { secret: HIDDEN_SECRET });
    expect(opened).toMatchObject({ id: w.hidden.id, name: 'Whistle', hidden: true, locked: false, count: 1 });
    const list = await w.value<ChatSummary[]>('listChats');
    expect(list.map((c) => [c.name, c.hidden ?? false])).toEqual(
      expect.arrayContaining([
        ['Book club', false],
        ['Whistle', true],
      ]),
    );
    expect(await w.value('history', { chatId: opened.id })).toMatchObject({
      total: 1,
      messages: [{ text: 'meet at the quay', pointer: w.pointer }],
    });
    expect(await w.value('search', { chatId: opened.id, query: 'quay' })).toMatchObject([
      { text: 'meet at the quay' },
    ]);
    expect(await w.value('chatInfo', { chatId: opened.id })).toMatchObject({ name: 'Whistle', hidden: true });
    expect(await w.value('exportChat', { chatId: opened.id })).toEqual({ saved: false });
    expect(w.saved).toEqual(['Export the pointers of Whistle']);
    // Opening it twice is the same chat, not a second copy.
    expect(await w.value<ChatSummary>('openHiddenChat', { secret: HIDDEN_SECRET })).toMatchObject({
      id: opened.id,
    });
    expect(await w.value<ChatSummary[]>('listChats')).toHaveLength(2);

    await w.value('lockChat', { chatId: opened.id });
    expect((await w.value<ChatSummary[]>('listChats')).map((c) => c.name)).toEqual(['Book club']);
    expect(await w.call('history', { chatId: opened.id })).toMatchObject({
      ok: false,
      error: { code: 'unknown-chat' },
    });
  });

  it('logout makes it vanish; after logging in again only its secret brings it back', async () => {
    const w = await withClosedHidden();
    await w.value('openHiddenChat', { secret: HIDDEN_SECRET });
    await w.value('logout');
    await w.value('login', { master: MASTER });
    expect((await w.value<ChatSummary[]>('listChats')).map((c) => c.name)).toEqual(['Book club']);
    expect(await w.call('chatInfo', { chatId: w.hidden.id })).toMatchObject({
      ok: false,
      error: { code: 'unknown-chat' },
    });
    const again = await w.value<ChatSummary>('openHiddenChat', { secret: HIDDEN_SECRET });
    expect(again).toMatchObject({ id: w.hidden.id, count: 1, hidden: true });
  });

  it('lockAll closes it as it locks every chat', async () => {
    const w = await withClosedHidden();
    await w.value('openHiddenChat', { secret: HIDDEN_SECRET });
    await w.value('lockAll');
    expect((await w.value<ChatSummary[]>('listChats')).map((c) => c.name)).toEqual(['Book club']);
  });
});

describe('hide and show a chat', () => {
  it('hideChat with its secret: listed as hidden while open, gone on lock, back with the secret, shown again', async () => {
    const w = await withClosedHidden();
    const book = w.visible;
    const hidden = await w.value<ChatSummary>('hideChat', { chatId: book.id, secret: OPEN_SECRET });
    expect(hidden).toMatchObject({ name: 'Book club', hidden: true, count: 1 });
    expect((await w.value<ChatSummary[]>('listChats')).map((c) => [c.name, c.hidden])).toEqual([
      ['Book club', true],
    ]);
    await w.value('lockChat', { chatId: hidden.id });
    expect(await w.value('listChats')).toEqual([]);
    const back = await w.value<ChatSummary>('openHiddenChat', { secret: OPEN_SECRET });
    expect(back).toMatchObject({ id: hidden.id, name: 'Book club', count: 1 });
    const shown = await w.value<ChatSummary>('showChat', { chatId: back.id });
    expect(shown).toMatchObject({ name: 'Book club', count: 1, locked: false });
    expect(shown.hidden).toBeUndefined();
    await w.value('lockChat', { chatId: shown.id });
    expect(await w.value('listChats')).toMatchObject([{ id: shown.id, name: 'Book club', locked: true }]);
    expect(await w.value('unlockChat', { chatId: shown.id, secret: OPEN_SECRET })).toMatchObject({
      locked: false,
    });
    expect(await w.value('history', { chatId: shown.id })).toMatchObject({
      messages: [{ text: 'chapter three' }],
    });
  });

  it('hideChat with a wrong secret is refused and changes nothing; showChat on a visible chat is refused', async () => {
    const w = await withClosedHidden();
    const before = await w.value<ChatSummary[]>('listChats');
    const wrong = await w.call('hideChat', { chatId: w.visible.id, secret: LOCKED_SECRET });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'wrong-secret', message: 'That is not the secret of chat "Book club".' },
    });
    const visible = await w.call('showChat', { chatId: w.visible.id });
    expect(visible).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await w.value('listChats')).toEqual(before);
  });
});

/** Valid calls work end to end through the router and return plain data. */
import { describe, expect, it } from 'vitest';
import type { ChatSummary, ImportOutcome, LocalChatId, MessageId } from '../../../src-shared/types.js';
import {
  LOCKED_SECRET,
  MASTER,
  OPEN_SECRET,
  ok,
  openMessenger,
  WRONG_SECRET,
  wire,
  world,
} from './fixtures.js';

describe('valid calls work end to end and return plain data', () => {
  it('two people: profile, chat, send, history, search, info; the other imports the pointer', async () => {
    const a = wire(openMessenger());
    expect(await ok(a.route, 'status')).toEqual({ exists: false, loggedIn: false });
    expect(await ok(a.route, 'createProfile', { nickname: 'alice', master: MASTER })).toBeNull();
    expect(await ok(a.route, 'status')).toEqual({ exists: true, nickname: 'alice', loggedIn: true });
    expect(await ok(a.route, 'getSettings')).toEqual({
      autoLockMinutes: 5,
      lockOnSuspend: true,
      offerClipboardImport: true,
      logoutAfterMinutes: 30,
      clipboardClearSeconds: 60,
    });
    expect(await ok(a.route, 'setSettings', { autoLockMinutes: 0 })).toEqual({
      autoLockMinutes: 0,
      lockOnSuspend: true,
      offerClipboardImport: true,
      logoutAfterMinutes: 30,
      clipboardClearSeconds: 60,
    });
    const chat = await ok<ChatSummary>(a.route, 'createChat', {
      name: 'Book Club',
      secret: OPEN_SECRET,
      format: 'sealed-v2',
    });
    expect(chat).toMatchObject({ name: 'Book Club', format: 'sealed-v2', locked: false, count: 0 });
    const sent = await ok<{ pointer: string; message: { id: number; text: string } }>(a.route, 'send', {
      chatId: chat.id,
      text: 'Chapter 3 tonight?',
    });
    expect(JSON.parse(sent.pointer)).toMatchObject({ v: 2, c: chat.wireId, k: 12 });
    expect(sent.message).toMatchObject({ direction: 'sent', author: 'alice', text: 'Chapter 3 tonight?' });
    expect(await ok(a.route, 'history', { chatId: chat.id })).toMatchObject({
      total: 1,
      messages: [{ id: sent.message.id, text: 'Chapter 3 tonight?', pointer: sent.pointer, deleted: false }],
    });
    expect(await ok(a.route, 'search', { chatId: chat.id, query: 'chapter' })).toHaveLength(1);
    const info = await ok<{ fingerprint: string }>(a.route, 'chatInfo', { chatId: chat.id });
    expect(info.fingerprint).toMatch(/^\d{5}( \d{5}){4}$/);
    expect(await ok(a.route, 'listChats')).toMatchObject([{ id: chat.id, count: 1 }]);
    // The sender's own pointer, pasted back: a duplicate.
    expect(await ok(a.route, 'importPaste', { text: sent.pointer })).toMatchObject([
      { kind: 'duplicate', chatId: chat.id },
    ]);

    const b = wire(openMessenger());
    await ok(b.route, 'createProfile', { nickname: 'bob', master: WRONG_SECRET });
    expect(await ok(b.route, 'importPaste', { text: sent.pointer })).toMatchObject([
      { kind: 'new-chat', format: 'sealed-v2', wireId: chat.wireId },
    ]);
    const got = await ok<ImportOutcome[]>(b.route, 'importPaste', {
      text: `look: ${sent.pointer} !`,
      secret: OPEN_SECRET,
    });
    expect(got).toMatchObject([{ kind: 'stored', created: true, chatName: 'Book Club' }]);
    const bChat = (got[0] as { chatId: LocalChatId }).chatId;
    expect(await ok(b.route, 'history', { chatId: bChat })).toMatchObject({
      total: 1,
      messages: [{ direction: 'received', author: 'alice', text: 'Chapter 3 tonight?' }],
    });
    expect(await ok(b.route, 'importPaste', { text: sent.pointer, secret: OPEN_SECRET })).toMatchObject([
      { kind: 'duplicate', chatId: bChat },
    ]);
    expect(b.events.filter((e) => e.type === 'import-progress')).toEqual([
      { type: 'import-progress', done: 1, total: 1 },
      { type: 'import-progress', done: 1, total: 1 },
      { type: 'import-progress', done: 1, total: 1 },
    ]);
  });

  it('message operations, rename, remember, forget, lock, unlock, delete', async () => {
    const w = await world();
    const c = w.openChat;
    const [m1, m2] = w.messages as [MessageId, MessageId];
    expect(await ok(w.route, 'restoreMessage', { chatId: c, messageId: m2 })).toBeNull();
    expect(await ok(w.route, 'trashMessage', { chatId: c, messageId: m1 })).toBeNull();
    expect(await ok(w.route, 'history', { chatId: c, trash: true })).toMatchObject({ total: 1 });
    expect(await ok(w.route, 'emptyTrash', { chatId: c })).toBe(1);
    expect(await ok(w.route, 'purgeMessage', { chatId: c, messageId: m2 })).toBeNull();
    expect(await ok(w.route, 'history', { chatId: c })).toMatchObject({ messages: [], total: 0 });
    await ok(w.route, 'send', { chatId: c, text: 'again' });
    expect(await ok(w.route, 'clearHistory', { chatId: c })).toBe(1);
    expect(await ok(w.route, 'renameChat', { chatId: c, name: 'Renamed' })).toMatchObject({
      name: 'Renamed',
    });
    expect(await ok(w.route, 'rememberChat', { chatId: c })).toMatchObject({ remembered: true });
    expect(await ok(w.route, 'forgetChat', { chatId: c })).toMatchObject({ remembered: false });
    expect(await ok(w.route, 'unlockChat', { chatId: w.lockedChat, secret: LOCKED_SECRET })).toMatchObject({
      locked: false,
    });
    expect(await ok(w.route, 'lockChat', { chatId: w.lockedChat })).toBeNull();
    expect(await ok(w.route, 'deleteChat', { chatId: c })).toBeNull();
    expect(await ok(w.route, 'listChats')).toMatchObject([{ id: w.lockedChat, locked: true }]);
    expect(await ok(w.route, 'changeMaster', { oldMaster: MASTER, newMaster: WRONG_SECRET })).toBeNull();
    expect(await ok(w.route, 'logout')).toBeNull();
    expect(await ok(w.route, 'login', { master: WRONG_SECRET })).toBeNull();
    expect(await ok(w.route, 'lockAll')).toBeNull();
    expect(await ok(w.route, 'cancelImport')).toBeNull();
  });

  it('null arguments count as none for calls without arguments', async () => {
    const w = await world();
    expect(await w.route('clm:listChats', null)).toMatchObject({ ok: true });
    expect(await w.route('clm:status', {})).toMatchObject({ ok: true });
  });

  it('copyText writes the clipboard in main, with exactly the text', async () => {
    const w = await world();
    const text = 'pointer {"v":2} \u201Cquoted\u201D\n line two';
    expect(await ok(w.route, 'copyText', { text })).toBeNull();
    expect(await ok(w.route, 'copyText', { text: '' })).toBeNull();
    expect(w.clipboard).toEqual([text, '']);
  });
});

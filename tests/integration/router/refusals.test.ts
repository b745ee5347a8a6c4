/**
 * Calls with valid arguments that the service refuses (locked or unknown chat,
 * logged out, wrong secret...): each comes back as the service's code and
 * sentence, and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { argsFor, CHAT_CALLS, SESSION_CALLS } from './contract-table.js';
import {
  expectMasterUnchanged,
  expectRefused,
  LOCKED_SECRET,
  MASTER,
  OPEN_SECRET,
  WRONG_SECRET,
  world,
} from './fixtures.js';

describe('calls the service refuses come back as their code and sentence', () => {
  // Managing a chat (lock, forget, rename, delete) needs the login, not the chat's secret.
  // Hiding takes the secret itself, and only an open hidden chat can be shown (hidden.test.ts).
  const MANAGE = ['lockChat', 'forgetChat', 'unlockChat', 'renameChat', 'deleteChat', 'hideChat', 'showChat'];

  it.each(CHAT_CALLS.filter((n) => !MANAGE.includes(n)))('%s on a locked chat: chat-locked', async (name) => {
    const w = await world();
    const e = await expectRefused(w, `clm:${name}`, argsFor(name, w.lockedChat), 'chat-locked', name);
    expect(e.message).toBe('Chat "Locked" is locked; unlock it with its secret.');
  });

  it('lockChat, forgetChat, renameChat and deleteChat on a locked chat succeed without unlocking it', async () => {
    const w = await world();
    const chatId = w.lockedChat;
    expect(await w.route('clm:lockChat', { chatId })).toEqual({ ok: true, value: null });
    const forgot = await w.route('clm:forgetChat', { chatId });
    expect(forgot).toMatchObject({ ok: true, value: { id: chatId, locked: true, remembered: false } });
    const renamed = await w.route('clm:renameChat', { chatId, name: 'Still locked' });
    expect(renamed).toMatchObject({ ok: true, value: { id: chatId, name: 'Still locked', locked: true } });
    expect(await w.route('clm:deleteChat', { chatId })).toEqual({ ok: true, value: null });
    expect(w.m.listChats().map((c) => c.id)).toEqual([w.openChat]);
  });

  it('unlockChat with the wrong secret: wrong-secret, the secret not repeated, still locked', async () => {
    const w = await world();
    const e = await expectRefused(
      w,
      'clm:unlockChat',
      { chatId: w.lockedChat, secret: WRONG_SECRET },
      'wrong-secret',
      'unlock',
    );
    expect(e.message).toBe('That is not the secret of chat "Locked".');
    const ok = await w.route('clm:unlockChat', { chatId: w.lockedChat, secret: LOCKED_SECRET });
    expect(ok).toMatchObject({ ok: true, value: { id: w.lockedChat, locked: false } });
    // An open chat stays open, but a wrong secret is still called wrong.
    await expectRefused(
      w,
      'clm:unlockChat',
      { chatId: w.openChat, secret: WRONG_SECRET },
      'wrong-secret',
      'open',
    );
  });

  it.each(CHAT_CALLS)('%s on an unknown chat id: unknown-chat', async (name) => {
    const w = await world();
    const e = await expectRefused(w, `clm:${name}`, argsFor(name, 999), 'unknown-chat', name);
    expect(e.message).toBe('There is no chat 999.');
  });

  it.each(['trashMessage', 'restoreMessage', 'purgeMessage'] as const)(
    '%s with an unknown message id: unknown-message',
    async (name) => {
      const w = await world();
      await expectRefused(w, `clm:${name}`, { chatId: w.openChat, messageId: 999 }, 'unknown-message', name);
    },
  );

  it.each(SESSION_CALLS)('%s when logged out: not-logged-in', async (name) => {
    const w = await world('logged-out');
    const e = await expectRefused(w, `clm:${name}`, argsFor(name, 1), 'not-logged-in', name);
    expect(e.message).toBe('Log in first.');
  });

  it.each(SESSION_CALLS)('%s before any profile exists: no-profile', async (name) => {
    const w = await world('none');
    const e = await expectRefused(w, `clm:${name}`, argsFor(name, 1), 'no-profile', name);
    expect(e.message).toBe('There is no profile in this vault yet; create one first.');
  });

  it('login: no-profile on an empty vault, wrong-passphrase with a wrong phrase; createProfile twice: profile-exists', async () => {
    const empty = await world('none');
    await expectRefused(empty, 'clm:login', { master: MASTER }, 'no-profile', 'login on empty');
    const w = await world('logged-out');
    const wrong = await expectRefused(w, 'clm:login', { master: WRONG_SECRET }, 'wrong-passphrase', 'wrong');
    expect(wrong.message).toBe('That master phrase is not the right one.');
    await expectRefused(
      w,
      'clm:createProfile',
      { nickname: 'eve', master: WRONG_SECRET },
      'profile-exists',
      'twice',
    );
    await expectRefused(
      w,
      'clm:changeMaster',
      { oldMaster: WRONG_SECRET, newMaster: MASTER },
      'not-logged-in',
      'change',
    );
  });

  it('changeMaster with a wrong old phrase and deleteProfile without DELETE change nothing', async () => {
    const w = await world();
    await expectRefused(
      w,
      'clm:changeMaster',
      { oldMaster: WRONG_SECRET, newMaster: LOCKED_SECRET },
      'wrong-passphrase',
      'changeMaster',
    );
    await expectRefused(w, 'clm:deleteProfile', { confirm: 'delete' }, 'not-confirmed', 'deleteProfile');
    await expectMasterUnchanged(w.m);
  });

  it('the service refusing a valid-looking value (a blank name) is bad-input, not internal', async () => {
    const w = await world();
    await expectRefused(w, 'clm:renameChat', { chatId: w.openChat, name: '   ' }, 'bad-input', 'blank name');
    await expectRefused(
      w,
      'clm:createChat',
      { name: 'x', secret: OPEN_SECRET, format: 'sealed-v2', suffix: 'no' },
      'bad-input',
      'suffix on sealed',
    );
  });
});

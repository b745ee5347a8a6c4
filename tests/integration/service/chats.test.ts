import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { LocalChatId } from '../../../src-shared/types.js';
import { legacyVectors } from '../../unit/vectors.js';
import { expectServiceError, freshVaults, importOne, outcome, recordEvents, texts } from './helpers.js';

const vaults = freshVaults();

const FINGERPRINT = /^\d{5} \d{5} \d{5} \d{5} \d{5}$/;

describe('chats', () => {
  it('creates sealed chats: a fresh 22-character wire id each, the configured cost, open and empty', async () => {
    const { m } = await vaults.user('Alice');
    const a = await m.createChat({ name: '  Book Club  ', secret: 'book-secret', format: 'sealed-v2' });
    const b = await m.createChat({ name: 'Book Club', secret: 'book-secret', format: 'sealed-v2' });
    expect(a).toMatchObject({
      name: 'Book Club',
      format: 'sealed-v2',
      locked: false,
      remembered: false,
      count: 0,
      trashCount: 0,
    });
    expect(a.wireId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(b.wireId).not.toBe(a.wireId);
    expect(b.id).not.toBe(a.id);

    const info = await m.chatInfo(a.id);
    expect(info).toMatchObject({ ...a, k: 12 });
    expect(info.suffix).toBeUndefined();
    expect(info.fingerprint).toMatch(FINGERPRINT);
    expect(info.fingerprintHex).toMatch(/^[0-9a-f]{64}$/);
    // Same secret, different chat id: a different chat, so a different fingerprint.
    expect((await m.chatInfo(b.id)).fingerprint).not.toBe(info.fingerprint);

    expect(
      m
        .listChats()
        .map((c) => c.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());

    await expectServiceError(() => m.createChat({ name: '', secret: 's', format: 'sealed-v2' }), 'bad-input');
    await expectServiceError(
      () => m.createChat({ name: 'x'.repeat(101), secret: 's', format: 'sealed-v2' }),
      'bad-input',
    );
    await expectServiceError(
      () => m.createChat({ name: 'n', secret: '  ', format: 'sealed-v2' }),
      'bad-input',
    );
    await expectServiceError(
      () => m.createChat({ name: 'n', secret: 's', format: 'sealed-v2', legacyId: '1' }),
      'bad-input',
    );
    await expectServiceError(
      () => m.createChat({ name: 'n', secret: 's', format: 'sealed-v2', suffix: 'x' }),
      'bad-input',
    );
    await expectServiceError(
      () => m.createChat({ name: 'n', secret: 's', format: 'sealed-v2', k: 11 }),
      'bad-input',
    );
    expect(m.listChats()).toHaveLength(2);
  });

  it('creates legacy chats with the chosen id and suffix, and the original default suffixes', async () => {
    const { m } = await vaults.user('Alice');
    const cases = [
      { legacyId: '0', suffix: 'urgent' },
      { legacyId: '1', suffix: 'general' },
      { legacyId: '2', suffix: 'secrets' },
      { legacyId: '77', suffix: 'chat_77' },
    ];
    for (const c of cases) {
      const chat = await m.createChat({
        name: `L${c.legacyId}`,
        secret: 'legacy-secret',
        format: 'legacy',
        legacyId: c.legacyId,
      });
      expect(chat).toMatchObject({ format: 'legacy', wireId: c.legacyId, locked: false });
      const info = await m.chatInfo(chat.id);
      expect(info.suffix).toBe(c.suffix);
      expect(info.k).toBeUndefined();
    }

    // The fingerprint is the one the original program's vectors carry, custom suffix and default alike.
    const custom = legacyVectors.find((v) => !v.suffix_is_default) ?? legacyVectors[0];
    if (!custom) throw new Error('no legacy vector');
    const chat = await m.createChat({
      name: 'From CLM',
      secret: custom.secret,
      format: 'legacy',
      legacyId: custom.chat,
      suffix: custom.suffix,
    });
    const info = await m.chatInfo(chat.id);
    expect(info).toMatchObject({
      wireId: custom.chat,
      suffix: custom.suffix,
      fingerprint: custom.fingerprint,
    });

    // Without an id, one is chosen, with the default suffix of any other id; ids with spaces are refused.
    const auto = await m.createChat({ name: 'Auto', secret: 'legacy-secret', format: 'legacy' });
    expect(auto.wireId).toMatch(/^\S+$/);
    expect((await m.chatInfo(auto.id)).suffix).toBe(`chat_${auto.wireId}`);
    await expectServiceError(
      () => m.createChat({ name: 'Bad', secret: 's', format: 'legacy', legacyId: 'a b' }),
      'bad-input',
    );
    expect(m.listChats()).toHaveLength(cases.length + 2);
  });

  it('unlocks with the right secret; a wrong secret is refused and the chat stays locked', async () => {
    const { m } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Vault', secret: 'right secret', format: 'sealed-v2' });
    m.send(chat.id, 'before lock');
    const events = recordEvents(m);

    m.lockChat(chat.id);
    expect(events).toEqual([{ type: 'chat-locked', chatId: chat.id, reason: 'request' }]);
    expect(m.chat(chat.id)).toMatchObject({ locked: true, count: 1, name: 'Vault' });
    await expectServiceError(() => m.history(chat.id), 'chat-locked');
    await expectServiceError(() => m.send(chat.id, 'while locked'), 'chat-locked');
    await expectServiceError(() => m.chatInfo(chat.id), 'chat-locked');

    await expectServiceError(() => m.unlockChat(chat.id, 'wrong secret'), 'wrong-secret');
    await expectServiceError(() => m.unlockChat(chat.id, 'right secret!'), 'wrong-secret');
    expect(m.chat(chat.id).locked).toBe(true);
    await expectServiceError(() => m.history(chat.id), 'chat-locked');

    // Secrets are trimmed, as the original program trimmed every input line.
    expect(await m.unlockChat(chat.id, '  right secret \n')).toMatchObject({ locked: false });
    expect(texts(m, chat.id)).toEqual(['before lock']);
    m.send(chat.id, 'after unlock');
    expect(texts(m, chat.id)).toEqual(['before lock', 'after unlock']);

    await expectServiceError(() => m.unlockChat(999 as LocalChatId, 'x'), 'unknown-chat');
    await expectServiceError(() => m.lockChat(999 as LocalChatId), 'unknown-chat');
  });

  it('a legacy chat unlocks only with its secret', async () => {
    const { m } = await vaults.user('Alice');
    const bob = await vaults.user('Bob');
    const chat = await m.createChat({ name: 'Old', secret: 'legacy-right', format: 'legacy', legacyId: '1' });
    m.send(chat.id, 'legacy text');
    m.lockChat(chat.id);
    await expectServiceError(() => m.unlockChat(chat.id, 'legacy-wrong'), 'wrong-secret');
    expect(m.chat(chat.id).locked).toBe(true);
    await expectServiceError(() => m.history(chat.id), 'chat-locked');
    await m.unlockChat(chat.id, ' legacy-right ');
    expect(texts(m, chat.id)).toEqual(['legacy text']);
    // Unlocked with the secret as typed (padded): it still seals what the other side opens.
    const p = m.send(chat.id, 'after unlock, with a text long enough').pointer;
    const got = outcome(await importOne(bob.m, p, { secret: 'legacy-right' }), 'stored');
    expect(texts(bob.m, got.chatId)).toEqual(['after unlock, with a text long enough']);
    expect((await m.chatInfo(chat.id)).suffix).toBe('general');
  });

  it("keeps chats apart: one chat's secret opens no other chat, even when two share a secret", async () => {
    const { m } = await vaults.user('Alice');
    const a = await m.createChat({ name: 'A', secret: 'secret-of-a', format: 'sealed-v2' });
    const b = await m.createChat({ name: 'B', secret: 'secret-of-b', format: 'sealed-v2' });
    const twin = await m.createChat({ name: 'Twin of B', secret: 'secret-of-b', format: 'sealed-v2' });
    m.send(a.id, 'for A only');
    m.send(b.id, 'for B only');
    m.lockAll();

    await expectServiceError(() => m.unlockChat(a.id, 'secret-of-b'), 'wrong-secret');
    expect(m.chat(a.id).locked).toBe(true);
    await expectServiceError(() => m.history(a.id), 'chat-locked');

    await m.unlockChat(b.id, 'secret-of-b');
    expect(texts(m, b.id)).toEqual(['for B only']);
    expect(m.chat(a.id).locked).toBe(true);
    expect(m.chat(twin.id).locked).toBe(true);
    await expectServiceError(() => m.history(a.id), 'chat-locked');
    await expectServiceError(() => m.history(twin.id), 'chat-locked');
  });

  it('auto-locks idle chats after the set minutes, with an idle event; remembered chats stay open', async () => {
    const { m } = await vaults.user('Alice');
    const idle = await m.createChat({ name: 'Idle', secret: 'idle-secret', format: 'sealed-v2' });
    const kept = await m.createChat({ name: 'Kept', secret: 'kept-secret', format: 'sealed-v2' });
    await m.rememberChat(kept.id);
    m.setSettings({ autoLockMinutes: 2 });
    const events = recordEvents(m);

    expect(m.lockIdleChats(Date.now() + 60_000)).toEqual([]);
    expect(m.chat(idle.id).locked).toBe(false);
    expect(events).toEqual([]);

    expect(m.lockIdleChats(Date.now() + 2 * 60_000 + 5_000)).toEqual([idle.id]);
    expect(m.chat(idle.id).locked).toBe(true);
    expect(m.chat(kept.id).locked).toBe(false);
    expect(events).toEqual([{ type: 'chat-locked', chatId: idle.id, reason: 'idle' }]);
    await expectServiceError(() => m.history(idle.id), 'chat-locked');

    // Far later still: the remembered chat is never idle-locked.
    expect(m.lockIdleChats(Date.now() + 24 * 3_600_000)).toEqual([]);
    expect(m.chat(kept.id).locked).toBe(false);

    // 0 means never.
    await m.unlockChat(idle.id, 'idle-secret');
    m.setSettings({ autoLockMinutes: 0 });
    expect(m.lockIdleChats(Date.now() + 365 * 24 * 3_600_000)).toEqual([]);
    expect(m.chat(idle.id).locked).toBe(false);
  });

  it('the idle check runs by itself while logged in, and again after the next login', async () => {
    // Only the clock and the idle check's interval are fake: scrypt runs in a worker thread,
    // whose messages (and setImmediate, queueMicrotask) must stay real.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(new Date('2027-01-01T10:00:00Z'));
      const m = vaults.open(join(vaults.dir(), 'vault.sqlite'), { idleCheckMs: 10 });
      await m.createProfile('Alice', 'master');
      const chat = await m.createChat({ name: 'Idle', secret: 'idle-secret', format: 'sealed-v2' });
      const events = recordEvents(m);
      // Several runs of the 10 ms idle check.
      const settle = () => vi.advanceTimersByTime(80);

      settle();
      expect(m.chat(chat.id).locked).toBe(false);
      vi.setSystemTime(new Date('2027-01-01T10:06:00Z'));
      settle();
      expect(m.chat(chat.id).locked).toBe(true);
      expect(events).toEqual([{ type: 'chat-locked', chatId: chat.id, reason: 'idle' }]);

      m.logout();
      await m.login('master');
      await m.unlockChat(chat.id, 'idle-secret');
      vi.setSystemTime(new Date('2027-01-01T10:12:00Z'));
      settle();
      expect(m.chat(chat.id).locked).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lists the most recently active chat first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2027-01-01T10:00:00Z'));
      const { m } = await vaults.user('Alice');
      const a = await m.createChat({ name: 'A', secret: 'sa', format: 'sealed-v2' });
      vi.setSystemTime(new Date('2027-01-01T10:01:00Z'));
      const b = await m.createChat({ name: 'B', secret: 'sb', format: 'sealed-v2' });
      expect(m.listChats().map((c) => c.name)).toEqual(['B', 'A']);
      vi.setSystemTime(new Date('2027-01-01T10:02:00Z'));
      m.send(a.id, 'bump');
      expect(m.listChats().map((c) => [c.name, c.lastActivity])).toEqual([
        ['A', Date.parse('2027-01-01T10:02:00Z') / 1000],
        ['B', Date.parse('2027-01-01T10:01:00Z') / 1000],
      ]);
      expect(b.lastActivity).toBe(Date.parse('2027-01-01T10:01:00Z') / 1000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('remember: the chat opens with the login, without its secret; forget: it needs the secret again', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chat = await a.m.createChat({ name: 'Family', secret: 'family-secret', format: 'sealed-v2' });
    a.m.send(chat.id, 'before remember');
    const fingerprint = (await a.m.chatInfo(chat.id)).fingerprint;

    a.m.lockChat(chat.id);
    await expectServiceError(() => a.m.rememberChat(chat.id), 'chat-locked');
    await a.m.unlockChat(chat.id, 'family-secret');
    expect(await a.m.rememberChat(chat.id)).toMatchObject({ remembered: true, locked: false });

    a.m.logout();
    await a.m.login(a.master);
    expect(a.m.listChats()).toMatchObject([{ id: chat.id, remembered: true, locked: false }]);
    expect(texts(a.m, chat.id)).toEqual(['before remember']);
    expect((await a.m.chatInfo(chat.id)).fingerprint).toBe(fingerprint);

    // The key rebuilt from the vault seals messages the other side reads.
    const sent = a.m.send(chat.id, 'sent from a remembered chat');
    const got = outcome(await importOne(b.m, sent.pointer, { secret: 'family-secret' }), 'stored');
    expect(texts(b.m, got.chatId)).toEqual(['sent from a remembered chat']);

    // lockAll leaves it open too.
    a.m.lockAll();
    expect(a.m.chat(chat.id).locked).toBe(false);

    expect(a.m.forgetChat(chat.id)).toMatchObject({ remembered: false, locked: false });
    expect(texts(a.m, chat.id)).toEqual(['before remember', 'sent from a remembered chat']);
    a.m.logout();
    await a.m.login(a.master);
    expect(a.m.listChats()).toMatchObject([{ id: chat.id, remembered: false, locked: true }]);
    await expectServiceError(() => a.m.history(chat.id), 'chat-locked');
    await a.m.unlockChat(chat.id, 'family-secret');
    expect(texts(a.m, chat.id)).toHaveLength(2);
  });

  it('a remembered legacy chat keeps its own suffix across logins', async () => {
    const { m, master } = await vaults.user('Alice');
    const v = legacyVectors.find((x) => !x.suffix_is_default);
    if (!v) throw new Error('no custom-suffix vector');
    const chat = await m.createChat({
      name: 'Old',
      secret: v.secret,
      format: 'legacy',
      legacyId: v.chat,
      suffix: v.suffix,
    });
    await m.rememberChat(chat.id);
    m.logout();
    await m.login(master);
    expect(m.chat(chat.id)).toMatchObject({ locked: false, remembered: true });
    expect(await m.chatInfo(chat.id)).toMatchObject({ suffix: v.suffix, fingerprint: v.fingerprint });
    // The vector, from the original program, opens in it (it is stored, not a new chat).
    const got = outcome(await importOne(m, v.pointer), 'stored');
    expect(got).toMatchObject({ chatId: chat.id, created: false });
    expect(m.history(chat.id).messages).toMatchObject([{ author: v.author, text: v.text, epoch: v.epoch }]);
  });

  it('logging out while a legacy chat is being created leaves the vault readable', async () => {
    const { m, master } = await vaults.user('Alice');
    const kept = await m.createChat({ name: 'Kept', secret: 'kept-secret', format: 'sealed-v2' });
    m.send(kept.id, 'still here');
    // The legacy proof runs scrypt in the worker; the logout lands meanwhile.
    const pending = m.createChat({ name: 'Racing', secret: 'race-secret', format: 'legacy', legacyId: '9' });
    m.logout();
    await pending.catch(() => undefined);
    expect(m.status().loggedIn).toBe(false);

    await m.login(master);
    const chats = m.listChats();
    expect(chats.map((c) => c.name)).toContain('Kept');
    for (const c of chats.filter((x) => x.name === 'Racing')) {
      await m.unlockChat(c.id, 'race-secret');
      expect(m.history(c.id).total).toBe(0);
    }
    await m.unlockChat(kept.id, 'kept-secret');
    expect(texts(m, kept.id)).toEqual(['still here']);
  });

  it('locking all while a legacy chat is being remembered never leaves it open with wiped keys', async () => {
    const { m, master } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Old', secret: 'old-secret', format: 'legacy', legacyId: '4' });
    m.send(chat.id, 'before');
    // rememberChat runs the legacy proof in the worker; a suspend locks everything meanwhile.
    const pending = m.rememberChat(chat.id);
    m.lockAll('suspend');
    await pending.catch(() => undefined);

    // Whatever won, a chat shown open must work, and what it stores must stay readable.
    if (!m.chat(chat.id).locked) {
      m.send(chat.id, 'after');
      expect(texts(m, chat.id)).toEqual(['before', 'after']);
    }
    m.logout();
    await m.login(master);
    if (m.chat(chat.id).locked) await m.unlockChat(chat.id, 'old-secret');
    expect(texts(m, chat.id)[0]).toBe('before');
    expect(m.history(chat.id).total).toBe(m.chat(chat.id).count);
  });

  it('renames a chat; the name persists and is checked', async () => {
    const { m, master } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Old name', secret: 's1', format: 'sealed-v2' });
    const other = await m.createChat({ name: 'Other', secret: 's2', format: 'sealed-v2' });
    expect(m.renameChat(chat.id, '  New name  ')).toMatchObject({ id: chat.id, name: 'New name' });
    await expectServiceError(() => m.renameChat(chat.id, '   '), 'bad-input');
    await expectServiceError(() => m.renameChat(chat.id, 'y'.repeat(101)), 'bad-input');
    expect(m.chat(chat.id).name).toBe('New name');
    expect(m.chat(other.id).name).toBe('Other');
    expect(m.findChat('New name').id).toBe(chat.id);

    m.logout();
    await m.login(master);
    expect(m.listChats().find((c) => c.id === chat.id)).toMatchObject({ name: 'New name', locked: true });
  });

  it('deletes a chat with its messages; other chats are untouched', async () => {
    const { m } = await vaults.user('Alice');
    const doomed = await m.createChat({ name: 'Doomed', secret: 'doomed-secret', format: 'sealed-v2' });
    const kept = await m.createChat({ name: 'Kept', secret: 'kept-secret', format: 'sealed-v2' });
    const sent = m.send(doomed.id, 'goes away');
    m.send(kept.id, 'stays');

    m.deleteChat(doomed.id);
    expect(m.listChats().map((c) => c.id)).toEqual([kept.id]);
    await expectServiceError(() => m.chat(doomed.id), 'unknown-chat');
    await expectServiceError(() => m.history(doomed.id), 'unknown-chat');
    await expectServiceError(() => m.unlockChat(doomed.id, 'doomed-secret'), 'unknown-chat');
    expect(texts(m, kept.id)).toEqual(['stays']);
    // Its messages went with it: its pointer is no longer known here.
    outcome(await importOne(m, sent.pointer), 'new-chat');
  });

  it('shows the same fingerprint on two vaults holding the same chat (sealed and legacy)', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');

    const sealed = await a.m.createChat({ name: 'Shared', secret: 'shared-secret', format: 'sealed-v2' });
    const other = await a.m.createChat({ name: 'Other', secret: 'other-secret', format: 'sealed-v2' });
    const p1 = a.m.send(sealed.id, 'hello Bob').pointer;
    const got1 = outcome(await importOne(b.m, p1, { secret: 'shared-secret' }), 'stored');
    const fa = await a.m.chatInfo(sealed.id);
    const fb = await b.m.chatInfo(got1.chatId);
    expect(fb.fingerprint).toBe(fa.fingerprint);
    expect(fb.fingerprintHex).toBe(fa.fingerprintHex);
    expect(fb.wireId).toBe(fa.wireId);
    expect((await a.m.chatInfo(other.id)).fingerprint).not.toBe(fa.fingerprint);

    const legacy = await a.m.createChat({
      name: 'Old',
      secret: 'legacy-shared',
      format: 'legacy',
      legacyId: '5',
      suffix: 'room-5',
    });
    const p2 = a.m.send(legacy.id, 'hello again Bob, from the legacy side').pointer;
    const got2 = outcome(await importOne(b.m, p2, { secret: 'legacy-shared', suffix: 'room-5' }), 'stored');
    const la = await a.m.chatInfo(legacy.id);
    const lb = await b.m.chatInfo(got2.chatId);
    expect(lb).toMatchObject({ suffix: 'room-5', wireId: '5', fingerprint: la.fingerprint });
  });

  it('lockAll locks every chat but the remembered ones', async () => {
    const { m } = await vaults.user('Alice');
    const a = await m.createChat({ name: 'A', secret: 'sa', format: 'sealed-v2' });
    const b = await m.createChat({ name: 'B', secret: 'sb', format: 'sealed-v2' });
    const r = await m.createChat({ name: 'R', secret: 'sr', format: 'sealed-v2' });
    await m.rememberChat(r.id);
    const events = recordEvents(m);

    m.lockAll();
    const locked = Object.fromEntries(m.listChats().map((c) => [c.name, c.locked]));
    expect(locked).toEqual({ A: true, B: true, R: false });
    expect(events).toContainEqual({ type: 'chat-locked', chatId: a.id, reason: 'request' });
    expect(events).toContainEqual({ type: 'chat-locked', chatId: b.id, reason: 'request' });
    expect(events.at(-1)).toEqual({ type: 'all-locked', reason: 'request' });
    expect(events.filter((e) => e.type === 'chat-locked')).toHaveLength(2);
    await expectServiceError(() => m.history(a.id), 'chat-locked');
    await expectServiceError(() => m.history(b.id), 'chat-locked');
    expect(m.history(r.id).total).toBe(0);
    expect(m.status().loggedIn).toBe(true);

    m.lockAll('suspend');
    expect(events.at(-1)).toEqual({ type: 'all-locked', reason: 'suspend' });
  });
});

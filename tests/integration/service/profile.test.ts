import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-shared/types.js';
import { expectServiceError, freshVaults, recordEvents, texts } from './helpers.js';

const vaults = freshVaults();

/** The sealed blobs of every chat and message, read with a second connection: what is on disk. */
function rawBlobs(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return {
      profile: db.prepare('SELECT kdf_salt, wrapped_key, settings FROM profile').get() as Record<
        string,
        Buffer
      >,
      chats: db
        .prepare('SELECT id, route, meta, unlock_salt, wrapped_key, remembered FROM chats ORDER BY id')
        .all(),
      messages: db.prepare('SELECT id, chat_id, seen, body FROM messages ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

describe('profile', () => {
  it('a new vault has no profile; creating one logs in, and only once', async () => {
    const m = vaults.open(join(vaults.dir(), 'vault.sqlite'));
    expect(m.status()).toEqual({ exists: false, loggedIn: false });
    await expectServiceError(() => m.listChats(), 'no-profile');
    await expectServiceError(() => m.login('anything'), 'no-profile');

    await expectServiceError(() => m.createProfile('   ', 'master'), 'bad-input');
    await expectServiceError(() => m.createProfile('Eve: admin', 'master'), 'bad-input');
    await expectServiceError(() => m.createProfile('Eve', '   '), 'bad-input');
    expect(m.status()).toEqual({ exists: false, loggedIn: false });

    await m.createProfile('  Alice  ', 'correct horse battery');
    expect(m.status()).toEqual({ exists: true, nickname: 'Alice', loggedIn: true });
    expect(m.listChats()).toEqual([]);

    await expectServiceError(() => m.createProfile('Mallory', 'other'), 'profile-exists');
    expect(m.status()).toEqual({ exists: true, nickname: 'Alice', loggedIn: true });
  });

  it('login with the right master phrase works; a wrong one is refused and changes nothing', async () => {
    const { m, path, master } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Notes', secret: 'notes-secret', format: 'sealed-v2' });
    m.send(chat.id, 'kept safe');
    m.logout();
    const before = rawBlobs(path);

    await expectServiceError(() => m.login('not the master phrase'), 'wrong-passphrase');
    expect(m.status()).toEqual({ exists: true, nickname: 'Alice', loggedIn: false });
    await expectServiceError(() => m.listChats(), 'not-logged-in');
    expect(rawBlobs(path)).toEqual(before);

    await m.login(master);
    expect(m.status()).toEqual({ exists: true, nickname: 'Alice', loggedIn: true });
    expect(m.listChats().map((c) => c.name)).toEqual(['Notes']);

    // A wrong phrase typed while logged in does not log out or lock anything.
    await m.unlockChat(chat.id, 'notes-secret');
    await expectServiceError(() => m.login('wrong again'), 'wrong-passphrase');
    expect(m.status().loggedIn).toBe(true);
    expect(texts(m, chat.id)).toEqual(['kept safe']);
  });

  it('logout forgets every key: nothing is readable until the next login, and chats come back locked', async () => {
    const { m, master } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Notes', secret: 'notes-secret', format: 'sealed-v2' });
    m.send(chat.id, 'hello');
    const events = recordEvents(m);

    m.logout();
    expect(events).toEqual([{ type: 'all-locked', reason: 'logout' }]);
    expect(m.status()).toEqual({ exists: true, nickname: 'Alice', loggedIn: false });
    await expectServiceError(() => m.listChats(), 'not-logged-in');
    await expectServiceError(() => m.history(chat.id), 'not-logged-in');
    await expectServiceError(() => m.send(chat.id, 'after logout'), 'not-logged-in');
    await expectServiceError(() => m.settings(), 'not-logged-in');
    await expectServiceError(() => m.importPaste('{}'), 'not-logged-in');

    await m.login(master);
    expect(m.listChats()).toMatchObject([{ id: chat.id, name: 'Notes', locked: true, count: 1 }]);
    await expectServiceError(() => m.history(chat.id), 'chat-locked');
    await m.unlockChat(chat.id, 'notes-secret');
    expect(texts(m, chat.id)).toEqual(['hello']);
  });

  it('changeMaster: the old phrase stops working, the new one works, and nothing else is re-encrypted', async () => {
    const { m, path } = await vaults.user('Alice', 'old master phrase');
    const a = await m.createChat({ name: 'Plain', secret: 'plain-secret', format: 'sealed-v2' });
    const b = await m.createChat({ name: 'Kept', secret: 'kept-secret', format: 'sealed-v2' });
    m.send(a.id, 'first');
    m.send(a.id, 'second');
    m.send(b.id, 'remembered one');
    await m.rememberChat(b.id);
    m.setSettings({ autoLockMinutes: 9 });

    await expectServiceError(
      () => m.changeMaster('not the old one', 'new master phrase'),
      'wrong-passphrase',
    );
    await expectServiceError(() => m.changeMaster('old master phrase', '  '), 'bad-input');
    const before = rawBlobs(path);

    await m.changeMaster('old master phrase', 'new master phrase');
    const after = rawBlobs(path);
    expect(after.chats).toEqual(before.chats);
    expect(after.messages).toEqual(before.messages);
    expect(after.profile.settings).toEqual(before.profile.settings);
    expect(after.profile.wrapped_key).not.toEqual(before.profile.wrapped_key);

    m.logout();
    await expectServiceError(() => m.login('old master phrase'), 'wrong-passphrase');
    await m.login('new master phrase');
    expect(m.settings().autoLockMinutes).toBe(9);
    expect(m.listChats().find((c) => c.id === b.id)).toMatchObject({ remembered: true, locked: false });
    expect(texts(m, b.id)).toEqual(['remembered one']);
    await m.unlockChat(a.id, 'plain-secret');
    expect(texts(m, a.id)).toEqual(['first', 'second']);

    m.logout();
    await expectServiceError(() => m.changeMaster('new master phrase', 'third'), 'not-logged-in');
  });

  it('deleteProfile needs exactly DELETE, then removes the vault file, its -wal and its -shm', async () => {
    const { m, path } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Doomed', secret: 'doomed-secret', format: 'sealed-v2' });
    m.send(chat.id, 'soon gone');
    expect(existsSync(path)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(existsSync(`${path}-shm`)).toBe(true);

    for (const wrong of ['delete', 'DELETE ', ' DELETE', 'yes', '']) {
      await expectServiceError(() => m.deleteProfile(wrong), 'not-confirmed');
    }
    expect(m.status()).toEqual({ exists: true, nickname: 'Alice', loggedIn: true });
    expect(texts(m, chat.id)).toEqual(['soon gone']);

    m.logout();
    await expectServiceError(() => m.deleteProfile('DELETE'), 'not-logged-in');
    expect(existsSync(path)).toBe(true);
    await m.login('Alice-master-phrase');

    await m.deleteProfile('DELETE');
    for (const suffix of ['', '-wal', '-shm', '-journal']) expect(existsSync(path + suffix)).toBe(false);

    const fresh = vaults.open(path);
    expect(fresh.status()).toEqual({ exists: false, loggedIn: false });
  });

  it.skipIf(process.platform === 'win32')(
    'creates the vault file 0600 (and its -wal, -shm) in a new folder 0700',
    async () => {
      const folder = join(vaults.dir(), 'new-profile-folder');
      const path = join(folder, 'vault.sqlite');
      const m = vaults.open(path);
      await m.createProfile('Alice', 'master');
      const chat = await m.createChat({ name: 'c', secret: 's', format: 'sealed-v2' });
      m.send(chat.id, 'written');

      expect(statSync(folder).mode & 0o777).toBe(0o700);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      for (const suffix of ['-wal', '-shm']) {
        expect(existsSync(path + suffix)).toBe(true);
        expect(statSync(path + suffix).mode & 0o777).toBe(0o600);
      }
    },
  );

  it('settings default to a 5-minute auto-lock, are checked, and persist across logout/login and reopening', async () => {
    const { m, path, master } = await vaults.user('Alice');
    expect(m.settings()).toEqual(DEFAULT_SETTINGS);
    expect(m.settings().autoLockMinutes).toBe(5);

    expect(m.setSettings({ autoLockMinutes: 12 })).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 12 });
    for (const bad of [-1, 1.5, 1441, Number.NaN]) {
      await expectServiceError(() => m.setSettings({ autoLockMinutes: bad }), 'bad-input');
    }
    expect(m.settings().autoLockMinutes).toBe(12);
    m.setSettings({ lockOnSuspend: false });

    m.logout();
    await expectServiceError(() => m.settings(), 'not-logged-in');
    await m.login(master);
    expect(m.settings()).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 12, lockOnSuspend: false });

    await m.close();
    const again = vaults.open(path);
    await again.login(master);
    expect(again.settings()).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 12, lockOnSuspend: false });
  });

  it('reopening the vault (close, then open the same path) keeps everything', async () => {
    const { m, path, master } = await vaults.user('Alice');
    const a = await m.createChat({ name: 'Book Club', secret: 'book-secret', format: 'sealed-v2' });
    const b = await m.createChat({ name: 'Family', secret: 'family-secret', format: 'sealed-v2' });
    m.send(a.id, 'chapter one');
    const gone = m.send(a.id, 'typo');
    m.send(a.id, 'chapter two');
    m.trashMessage(a.id, gone.message.id);
    m.send(b.id, 'dinner at 8');
    await m.rememberChat(b.id);
    m.setSettings({ autoLockMinutes: 30 });
    const historyA = m.history(a.id);
    const trashA = m.history(a.id, { trash: true });
    const chats = m.listChats().map((c) => ({ ...c, locked: c.id === a.id }));
    await m.close();

    const again = vaults.open(path);
    expect(again.status()).toEqual({ exists: true, nickname: 'Alice', loggedIn: false });
    await again.login(master);
    expect(again.listChats()).toEqual(chats);
    expect(again.history(b.id).messages.map((x) => x.text)).toEqual(['dinner at 8']);
    await again.unlockChat(a.id, 'book-secret');
    expect(again.history(a.id)).toEqual(historyA);
    expect(again.history(a.id, { trash: true })).toEqual(trashA);
    expect(again.settings().autoLockMinutes).toBe(30);
  });
});

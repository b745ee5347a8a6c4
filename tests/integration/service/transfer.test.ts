// Moving to another computer: a chat's pointers exported and imported elsewhere, and the whole
// vault backed up and restored.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectServiceError, freshVaults, outcome } from './helpers.js';

const vaults = freshVaults();

describe('a chat exported as pointers', () => {
  it('rebuilds its history on another computer, one’s own messages back as sent', async () => {
    const alice = await vaults.user('alice');
    const bob = await vaults.user('bob');
    const plans = await alice.m.createChat({ name: 'Plans', secret: 'river stone', format: 'sealed-v2' });
    const first = alice.m.send(plans.id, 'meet at noon');
    const fromBob = await bob.m.importPaste(first.pointer, { secret: 'river stone' });
    const bobChat = outcome(fromBob[0], 'stored').chatId;
    const reply = bob.m.send(bobChat, 'noon is fine');
    await alice.m.importPaste(reply.pointer);
    const trashed = alice.m.send(plans.id, 'never mind this one');
    alice.m.trashMessage(plans.id, trashed.message.id);

    const exported = alice.m.exportChat(plans.id);
    // One pointer a line, oldest first; the trash stays behind.
    expect(exported.trim().split('\n')).toEqual([first.pointer, reply.pointer]);

    // Alice's new computer: the same nickname, another master phrase.
    const laptop = await vaults.user('alice', 'laptop phrase');
    const out = await laptop.m.importPaste(exported, { secret: 'river stone', name: 'Plans' });
    expect(out.map((o) => o.kind)).toEqual(['stored', 'stored']);
    const chatId = outcome(out[0], 'stored').chatId;
    expect(laptop.m.history(chatId).messages.map((m) => [m.direction, m.author, m.text])).toEqual([
      ['sent', 'alice', 'meet at noon'],
      ['received', 'bob', 'noon is fine'],
    ]);
    // Importing the same file again stores nothing twice.
    expect((await laptop.m.importPaste(exported)).map((o) => o.kind)).toEqual(['duplicate', 'duplicate']);
  });

  it('needs the chat open, like reading it', async () => {
    const alice = await vaults.user('alice');
    const chat = await alice.m.createChat({ name: 'Plans', secret: 'river stone', format: 'sealed-v2' });
    alice.m.lockChat(chat.id);
    await expectServiceError(() => alice.m.exportChat(chat.id), 'chat-locked');
  });
});

describe('the whole vault backed up and restored', () => {
  it('a backup holds the vault as it was; restoring it keeps the replaced vault beside it', async () => {
    const alice = await vaults.user('alice');
    const chat = await alice.m.createChat({ name: 'Plans', secret: 'river stone', format: 'sealed-v2' });
    alice.m.send(chat.id, 'before the backup');
    const backup = join(vaults.dir(), 'alice.backup');
    await alice.m.backup(backup);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    const beside = () => readdirSync(dirname(backup)).filter((f) => f.startsWith('alice.backup'));
    alice.m.send(chat.id, 'after the backup');

    const { previous } = await alice.m.restore(backup);
    // One self-contained file: checking and restoring it left no -wal or -shm beside it.
    expect(beside()).toEqual(['alice.backup']);
    expect(alice.m.status()).toMatchObject({ exists: true, loggedIn: false });
    await alice.m.login(alice.master);
    await alice.m.unlockChat(chat.id, 'river stone');
    expect(alice.m.history(chat.id).messages.map((m) => m.text)).toEqual(['before the backup']);

    // The vault that was replaced is kept, whole, and opens as it was.
    const kept = vaults.open(previous);
    await kept.login(alice.master);
    await kept.unlockChat(chat.id, 'river stone');
    expect(kept.history(chat.id).messages.map((m) => m.text)).toEqual([
      'before the backup',
      'after the backup',
    ]);
  });

  it('never overwrites a file with a backup, and needs the login', async () => {
    const alice = await vaults.user('alice');
    const taken = join(vaults.dir(), 'taken');
    writeFileSync(taken, 'mine');
    await expectServiceError(() => alice.m.backup(taken), 'bad-input');
    alice.m.logout();
    await expectServiceError(() => alice.m.backup(join(vaults.dir(), 'new.backup')), 'not-logged-in');
  });

  it('refuses a file that is not a backup, and changes nothing', async () => {
    const alice = await vaults.user('alice');
    const chat = await alice.m.createChat({ name: 'Plans', secret: 'river stone', format: 'sealed-v2' });
    alice.m.send(chat.id, 'still here');
    const junk = join(vaults.dir(), 'junk.backup');
    writeFileSync(junk, Buffer.alloc(4096, 0x5a));
    const e = await expectServiceError(() => alice.m.restore(junk), 'bad-input');
    expect(e.message).toMatch(/is not a backup of a Chrono-Library Messenger vault; nothing was changed/);
    await expectServiceError(() => alice.m.restore(join(vaults.dir(), 'missing.backup')), 'bad-input');
    expect(alice.m.history(chat.id).messages.map((m) => m.text)).toEqual(['still here']);
    // Nothing was replaced, so no copy of the vault was made either.
    expect(readdirSync(dirname(alice.path)).filter((f) => f.includes('before-restore'))).toEqual([]);
  });
});

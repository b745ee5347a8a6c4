/**
 * Someone who can write the vault file but holds no key (issue 11, finding 8)
 * cannot move a message's body to another row, re-date it or take it out of
 * the trash: each body is bound to its row (chat, blind index, epoch, time
 * stored, trash flag), so a changed column makes the message unreadable, said
 * in one sentence, never read as something else.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { LocalChatId } from '../../../src-shared/types.js';
import { expectServiceError, freshVaults, texts } from '../service/helpers.js';

const vaults = freshVaults();

async function vaultWithTwo() {
  const { m, path, master } = await vaults.user('alice');
  const chat = await m.createChat({ name: 'Plans', secret: 'river stone', format: 'sealed-v2' });
  const first = m.send(chat.id, 'meet at noon').message.id;
  const second = m.send(chat.id, 'bring the map').message.id;
  const gone = m.send(chat.id, 'this one was deleted').message.id;
  m.trashMessage(chat.id, gone);
  await m.close();
  return { path, master, chat: chat.id, first, second, gone };
}

/** The vault reopened after `tamper` wrote to its file, logged in, the chat unlocked. */
async function reopen(v: Awaited<ReturnType<typeof vaultWithTwo>>, tamper: (db: Database.Database) => void) {
  const db = new Database(v.path);
  tamper(db);
  db.close();
  const m = vaults.open(v.path);
  await m.login(v.master);
  await m.unlockChat(v.chat as LocalChatId, 'river stone');
  return m;
}

describe('message bodies bound to their rows', () => {
  it('untouched, the chat reads, and trash and restore keep working', async () => {
    const v = await vaultWithTwo();
    const m = await reopen(v, () => {});
    expect(texts(m, v.chat as LocalChatId)).toEqual(['meet at noon', 'bring the map']);
    m.restoreMessage(v.chat as LocalChatId, v.gone);
    m.trashMessage(v.chat as LocalChatId, v.first);
    expect(texts(m, v.chat as LocalChatId)).toEqual(['bring the map', 'this one was deleted']);
  });

  it.each([
    [
      'a body copied over another row',
      (db: Database.Database, v: Awaited<ReturnType<typeof vaultWithTwo>>) =>
        db
          .prepare('UPDATE messages SET body = (SELECT body FROM messages WHERE id = ?) WHERE id = ?')
          .run(v.first, v.second),
    ],
    [
      'a message re-dated',
      (db: Database.Database, v: Awaited<ReturnType<typeof vaultWithTwo>>) =>
        db.prepare('UPDATE messages SET epoch = epoch - 86400 WHERE id = ?').run(v.second),
    ],
    [
      'a trashed message put back by its flag',
      (db: Database.Database, v: Awaited<ReturnType<typeof vaultWithTwo>>) =>
        db.prepare('UPDATE messages SET trashed = 0 WHERE id = ?').run(v.gone),
    ],
    [
      'the time stored changed',
      (db: Database.Database, v: Awaited<ReturnType<typeof vaultWithTwo>>) =>
        db.prepare('UPDATE messages SET stored_at = stored_at + 1 WHERE id = ?').run(v.first),
    ],
  ])('%s: unreadable, in one sentence, never misread', async (_what, tamper) => {
    const v = await vaultWithTwo();
    const m = await reopen(v, (db) => tamper(db, v));
    const e = await expectServiceError(() => m.history(v.chat as LocalChatId), 'unknown-message');
    expect(e.message).toBe('A message of this chat cannot be read; the vault may be damaged.');
  });
});

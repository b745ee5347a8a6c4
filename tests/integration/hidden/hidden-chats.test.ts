import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NO_HIDDEN_CHAT } from '../../../src-main/service/hidden/hidden-chats.js';
import type { LocalChatId } from '../../../src-shared/types.js';
import { expectServiceError, freshVaults, texts } from '../service/helpers.js';

const vaults = freshVaults();

const SECRET = 'lantern under the bridge';

/** What the vault file holds, read beside the messenger: rows per table. */
function counts(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      chats: n('chats'),
      messages: n('messages'),
      cells: n('cells'),
      searchChunks: n('search_chunks'),
    };
  } finally {
    db.close();
  }
}

/** Everything the login alone shows: the list, and the chat looked up by id, name and wire id. */
async function expectNoTrace(
  m: Awaited<ReturnType<typeof vaults.user>>['m'],
  chat: { id: LocalChatId; name: string; wireId: string },
) {
  expect(m.listChats().map((c) => c.id)).not.toContain(chat.id);
  expect(m.listChats().some((c) => c.hidden)).toBe(false);
  await expectServiceError(() => m.chat(chat.id), 'unknown-chat');
  await expectServiceError(() => m.findChat(chat.name), 'unknown-chat');
  await expectServiceError(() => m.findChat(chat.wireId), 'unknown-chat');
  await expectServiceError(() => m.history(chat.id), 'unknown-chat');
  await expectServiceError(() => m.search(chat.id, 'owl'), 'unknown-chat');
  await expectServiceError(() => m.exportChat(chat.id), 'unknown-chat');
  await expectServiceError(() => m.chatInfo(chat.id), 'unknown-chat');
  await expectServiceError(() => m.renameChat(chat.id, 'x'), 'unknown-chat');
}

describe('hidden chats through the messenger', () => {
  it('a hidden chat is listed while open, vanishes on lock, and opens again with its secret alone', async () => {
    const { m, path } = await vaults.user('Alice');
    const visible = await m.createChat({ name: 'Groceries', secret: 'milk', format: 'sealed-v2' });
    const h = await m.createChat({ name: 'Night owl', secret: SECRET, format: 'sealed-v2', hidden: true });
    expect(h).toMatchObject({ name: 'Night owl', hidden: true, locked: false, count: 0 });
    expect(h.id).toBeGreaterThanOrEqual(2 ** 40);
    m.send(h.id, 'the owl flies at midnight');
    m.send(h.id, 'bring the map');
    expect(m.listChats().map((c) => [c.name, c.hidden ?? false])).toEqual(
      expect.arrayContaining([
        ['Groceries', false],
        ['Night owl', true],
      ]),
    );
    // Nothing of it in the visible tables.
    expect(counts(path)).toMatchObject({ chats: 1, messages: 0 });

    m.lockChat(h.id);
    await expectNoTrace(m, h);
    expect(m.listChats().map((c) => c.id)).toEqual([visible.id]);

    const again = await m.openHidden(SECRET);
    expect(again).toMatchObject({ id: h.id, name: 'Night owl', hidden: true, count: 2 });
    expect(texts(m, h.id)).toEqual(['the owl flies at midnight', 'bring the map']);
    // Opening an open chat again is harmless.
    expect((await m.openHidden(` ${SECRET} `)).id).toBe(h.id);
    expect(m.listChats().filter((c) => c.id === h.id)).toHaveLength(1);
  });

  it('a wrong secret gets the same sentence whether or not any hidden chat exists', async () => {
    const empty = await vaults.user('Bob');
    const withOne = await vaults.user('Carol');
    await withOne.m.createChat({ name: 'Secret', secret: SECRET, format: 'sealed-v2', hidden: true });
    const a = await expectServiceError(() => empty.m.openHidden('guess'), 'wrong-secret');
    const b = await expectServiceError(() => withOne.m.openHidden('guess'), 'wrong-secret');
    expect(a.message).toBe(NO_HIDDEN_CHAT);
    expect(b.message).toBe(a.message);
    await expectServiceError(() => withOne.m.openHidden('  '), 'bad-input');
  });

  it('logout wipes it; after login it is nowhere until opened; it cannot be remembered', async () => {
    const { m, master } = await vaults.user('Alice');
    const h = await m.createChat({ name: 'Ledger', secret: SECRET, format: 'legacy', hidden: true });
    m.send(h.id, 'first entry');
    await expectServiceError(() => m.rememberChat(h.id), 'bad-input');
    m.logout();
    await m.login(master);
    await expectNoTrace(m, h);
    const opened = await m.openHidden(SECRET);
    expect(opened).toMatchObject({ id: h.id, format: 'legacy', wireId: h.wireId });
    // A legacy send after reopening still takes an epoch the chat has not used.
    const second = m.send(h.id, 'second entry').message;
    expect(second.epoch).toBeGreaterThan(m.history(h.id).messages[0]?.epoch ?? 0);
    expect(texts(m, h.id)).toEqual(['first entry', 'second entry']);
  });

  it('lock all and idle lock close it like any chat; a new master phrase keeps it', async () => {
    const { m, master } = await vaults.user('Alice');
    const h = await m.createChat({ name: 'Idle', secret: SECRET, format: 'sealed-v2', hidden: true });
    m.send(h.id, 'still here');
    m.lockAll();
    expect(m.listChats()).toEqual([]);
    await m.openHidden(SECRET);
    m.setSettings({ autoLockMinutes: 1 });
    expect(m.lockIdleChats(Date.now() + 2 * 60_000)).toEqual([h.id]);
    expect(m.listChats()).toEqual([]);
    await m.changeMaster(master, 'a whole new phrase');
    m.logout();
    await m.login('a whole new phrase');
    expect(await m.openHidden(SECRET)).toMatchObject({ id: h.id, count: 1 });
  });

  it('a secret that already opens a hidden chat is refused for another one', async () => {
    const { m } = await vaults.user('Alice');
    await m.createChat({ name: 'One', secret: SECRET, format: 'sealed-v2', hidden: true });
    const e = await expectServiceError(
      () => m.createChat({ name: 'Two', secret: SECRET, format: 'sealed-v2', hidden: true }),
      'bad-input',
    );
    expect(e.message).toBe('This secret already opens a hidden chat; choose another.');
    expect(m.listChats().map((c) => c.name)).toEqual(['One']);
  });

  it('works like any chat while open: trash, restore, purge, search, export, info, rename, clear', async () => {
    const { m, path } = await vaults.user('Alice');
    const h = await m.createChat({ name: 'Owls', secret: SECRET, format: 'sealed-v2', hidden: true });
    const a = m.send(h.id, 'barn owl at dusk').message;
    const b = m.send(h.id, 'snowy owl at dawn').message;
    const c = m.send(h.id, 'a long one '.repeat(400)).message;
    m.trashMessage(h.id, a.id);
    expect(m.history(h.id, { trash: true }).messages.map((x) => x.id)).toEqual([a.id]);
    expect(m.chat(h.id)).toMatchObject({ count: 2, trashCount: 1 });
    expect(m.search(h.id, 'owl').map((x) => x.id)).toEqual([b.id]);
    // Searching a hidden chat writes nothing outside its cells.
    expect(counts(path)).toMatchObject({ chats: 0, messages: 0, searchChunks: 0 });
    m.restoreMessage(h.id, a.id);
    expect(m.search(h.id, 'owl dusk').map((x) => x.id)).toEqual([a.id]);
    expect(m.exportChat(h.id)).toBe(`${a.pointer}\n${b.pointer}\n${c.pointer}\n`);
    expect((await m.chatInfo(h.id)).fingerprint).toMatch(/^\d{5}( \d{5}){4}$/);
    m.renameChat(h.id, 'Birds');
    m.purgeMessage(h.id, c.id);
    m.lockChat(h.id);
    await m.openHidden(SECRET);
    expect(m.chat(h.id)).toMatchObject({ name: 'Birds', count: 2, trashCount: 0 });
    expect(m.history(h.id, { pageSize: 1 }).messages.map((x) => x.id)).toEqual([b.id]);
    m.trashMessage(h.id, b.id);
    expect(m.emptyTrash(h.id)).toBe(1);
    expect(m.clearHistory(h.id)).toBe(1);
    m.lockChat(h.id);
    expect((await m.openHidden(SECRET)).count).toBe(0);
  });

  it('hiding moves a chat into cells (its rows gone), showing moves it back; both keep every message', async () => {
    const { m, path } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Diary', secret: SECRET, format: 'sealed-v2' });
    const kept = m.send(chat.id, 'dear diary').message;
    const trashed = m.send(chat.id, 'crossed out').message;
    m.trashMessage(chat.id, trashed.id);
    m.lockChat(chat.id);
    await expectServiceError(() => m.hideChat(chat.id, 'not it'), 'wrong-secret');
    expect(counts(path)).toMatchObject({ chats: 1, messages: 2 });
    const cellsBefore = counts(path).cells;

    const hidden = await m.hideChat(chat.id, SECRET);
    expect(hidden).toMatchObject({ name: 'Diary', hidden: true, count: 1, trashCount: 1 });
    expect(counts(path)).toMatchObject({ chats: 0, messages: 0 });
    expect(counts(path).cells).toBeGreaterThan(cellsBefore);
    await expectServiceError(() => m.chat(chat.id), 'unknown-chat');
    m.lockChat(hidden.id);
    await expectNoTrace(m, hidden);
    await m.openHidden(SECRET);
    expect(m.history(hidden.id).messages.map((x) => [x.text, x.pointer])).toEqual([
      ['dear diary', kept.pointer],
    ]);
    expect(m.history(hidden.id, { trash: true }).messages.map((x) => x.text)).toEqual(['crossed out']);

    const cellsHidden = counts(path).cells;
    const shown = await m.showChat(hidden.id);
    expect(shown).toMatchObject({ name: 'Diary', locked: false, count: 1, trashCount: 1 });
    expect(shown.hidden).toBeUndefined();
    expect(counts(path)).toMatchObject({ chats: 1, messages: 2 });
    // Its cells turned to chaff: none removed.
    expect(counts(path).cells).toBeGreaterThanOrEqual(cellsHidden);
    expect(texts(m, shown.id)).toEqual(['dear diary']);
    m.lockChat(shown.id);
    await m.unlockChat(shown.id, SECRET);
    expect(m.history(shown.id, { trash: true }).messages.map((x) => x.text)).toEqual(['crossed out']);
    await expectServiceError(() => m.openHidden(SECRET), 'wrong-secret');
    await expectServiceError(() => m.showChat(shown.id), 'bad-input');
  });

  it('deleting a hidden chat leaves the number of cells as it was, and nothing opens it', async () => {
    const { m, path } = await vaults.user('Alice');
    const h = await m.createChat({ name: 'Gone', secret: SECRET, format: 'sealed-v2', hidden: true });
    m.send(h.id, 'soon gone');
    const before = counts(path).cells;
    m.deleteChat(h.id);
    expect(counts(path).cells).toBe(before);
    await expectServiceError(() => m.openHidden(SECRET), 'wrong-secret');
  });

  it("locking a hidden chat empties the write-ahead log, which would hold its cells' earlier boxes", async () => {
    const { m, path } = await vaults.user('Alice');
    const h = await m.createChat({ name: 'Log', secret: SECRET, format: 'sealed-v2', hidden: true });
    m.send(h.id, 'one');
    m.send(h.id, 'two');
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    m.lockChat(h.id);
    expect(statSync(`${path}-wal`).size).toBe(0);
  });

  it('deleting a visible chat adds the chaff that hiding it would have added, so the two look alike', async () => {
    const { m, path } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Plain', secret: 'p', format: 'sealed-v2' });
    for (const t of ['a', 'b', 'c']) m.send(chat.id, t);
    const first = m.history(chat.id).messages[0];
    if (first) m.trashMessage(chat.id, first.id);
    const before = counts(path).cells;
    m.deleteChat(chat.id);
    expect(counts(path).cells - before).toBe(1 + 3);
  });

  it('a vault carries chaff from its creation, and more with logins, chats and messages', async () => {
    const { m, path, master } = await vaults.user('Alice');
    const pool = counts(path).cells;
    expect(pool).toBeGreaterThanOrEqual(64);
    expect(pool).toBeLessThanOrEqual(1024);
    const chat = await m.createChat({ name: 'Visible', secret: 'v', format: 'sealed-v2' });
    const afterChat = counts(path).cells;
    expect(afterChat - pool).toBeGreaterThanOrEqual(1);
    expect(afterChat - pool).toBeLessThanOrEqual(4);
    // One message in 64 brings 1 to 64 cells: over 2,000 messages none at all has probability
    // (63/64)^2000, about 2e-14.
    const sent = 2000;
    m.batch(() => {
      for (let i = 0; i < sent; i++) m.send(chat.id, `message ${i}`);
    });
    const perMessage = counts(path).cells - afterChat;
    expect(perMessage).toBeGreaterThan(0);
    expect(perMessage).toBeLessThanOrEqual(64 * sent);
    m.logout();
    const beforeLogin = counts(path).cells;
    await m.login(master);
    expect(counts(path).cells - beforeLogin).toBeLessThanOrEqual(64);
  });
});

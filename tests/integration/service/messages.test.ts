import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalChatId, MessageId } from '../../../src-shared/types.js';
import { expectServiceError, freshVaults, importOne, outcome, texts } from './helpers.js';

const vaults = freshVaults();

/** Unix seconds the tests set the clock to; only Date is faked, so timers and the KDF worker run as usual. */
const T0 = 1_800_000_000;
const at = (seconds: number) => vi.setSystemTime(new Date((T0 + seconds) * 1000));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});
afterEach(() => {
  vi.useRealTimers();
});

async function aliceWithChat() {
  const u = await vaults.user('Alice');
  const chat = await u.m.createChat({ name: 'Notes', secret: 'notes-secret', format: 'sealed-v2' });
  return { ...u, chat };
}

/** Sends texts one second apart; returns their message ids in order. */
function sendAll(
  m: Awaited<ReturnType<typeof aliceWithChat>>['m'],
  id: LocalChatId,
  list: string[],
): MessageId[] {
  return list.map((t, i) => {
    at(10 + i);
    return m.send(id, t).message.id;
  });
}

describe('messages', () => {
  it('send returns the pointer and stores the message as sent', async () => {
    const { m, chat } = await aliceWithChat();
    at(5);
    const { pointer, message } = m.send(chat.id, 'Hello, library!');

    const p = JSON.parse(pointer) as Record<string, unknown>;
    expect(p).toMatchObject({ v: 2, c: chat.wireId, k: 12, e: T0 + 5 });
    expect(Object.keys(p)).toEqual(['v', 'c', 'k', 'e', 'n', 'd', 't']);
    expect(pointer).not.toContain('Hello');
    expect(message).toMatchObject({
      chatId: chat.id,
      direction: 'sent',
      author: 'Alice',
      text: 'Hello, library!',
      epoch: T0 + 5,
      storedAt: T0 + 5,
      deleted: false,
      pointer,
    });
    expect(m.message(chat.id, message.id)).toEqual(message);
    expect(m.history(chat.id)).toEqual({
      messages: [message],
      total: 1,
      first: 0,
      hasOlder: false,
      hasNewer: false,
    });
    expect(m.chat(chat.id)).toMatchObject({ count: 1, trashCount: 0 });

    // Two sends of the same text are two different pointers (fresh nonce).
    expect(m.send(chat.id, 'Hello, library!').pointer).not.toBe(pointer);

    // What cannot be sealed is refused and nothing is stored.
    await expectServiceError(() => m.send(chat.id, ''), 'bad-input');
    await expectServiceError(() => m.send(chat.id, 'x'.repeat(16385)), 'bad-input');
    expect(m.history(chat.id).total).toBe(2);
  });

  it('a legacy chat sends the original program’s pointer format', async () => {
    const { m } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'Old', secret: 'old-secret', format: 'legacy', legacyId: '1' });
    at(7);
    const { pointer, message } = m.send(chat.id, 'hi');
    expect(pointer).toMatch(new RegExp(`^\\{"c": "1", "e": ${T0 + 7}, "d": "[0-9a-f]+"\\}$`));
    // "Alice: hi" is 9 bytes, so 18 hex digits.
    expect((JSON.parse(pointer) as { d: string }).d).toHaveLength(18);
    expect(message).toMatchObject({ direction: 'sent', author: 'Alice', text: 'hi', epoch: T0 + 7 });
  });

  it('history lists messages by the sender’s time, newest last, with author and direction', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({ name: 'Talk', secret: 'talk-secret', format: 'sealed-v2' });

    at(0);
    const p1 = a.m.send(chatA.id, 'one').pointer;
    at(60);
    const chatB = outcome(await importOne(b.m, p1, { secret: 'talk-secret' }), 'stored').chatId;
    const p2 = b.m.send(chatB, 'two').pointer;
    at(30);
    const pLate = b.m.send(chatB, 'written earlier, arrives last').pointer;
    at(120);
    a.m.send(chatA.id, 'three');
    at(180);
    outcome(await importOne(a.m, p2), 'stored');
    outcome(await importOne(a.m, pLate), 'stored');

    const h = a.m.history(chatA.id);
    expect(h.total).toBe(4);
    expect(
      h.messages.map(({ text, author, direction, epoch }) => ({ text, author, direction, epoch })),
    ).toEqual([
      { text: 'one', author: 'Alice', direction: 'sent', epoch: T0 },
      { text: 'written earlier, arrives last', author: 'Bob', direction: 'received', epoch: T0 + 30 },
      { text: 'two', author: 'Bob', direction: 'received', epoch: T0 + 60 },
      { text: 'three', author: 'Alice', direction: 'sent', epoch: T0 + 120 },
    ]);
    // Received messages carry when they were stored here, too.
    expect(h.messages[2]?.storedAt).toBe(T0 + 180);

    expect(b.m.history(chatB).messages.map((x) => [x.author, x.direction, x.text])).toEqual([
      ['Alice', 'received', 'one'],
      ['Bob', 'sent', 'written earlier, arrives last'],
      ['Bob', 'sent', 'two'],
    ]);

    // Search finds the author's name too.
    expect(a.m.search(chatA.id, 'bob').map((x) => x.text)).toEqual(['written earlier, arrives last', 'two']);
    expect(a.m.search(chatA.id, 'BOB two').map((x) => x.text)).toEqual(['two']);
  });

  it('pages from the newest: page 0 holds the latest pageSize messages, oldest first', async () => {
    const { m, chat } = await aliceWithChat();
    sendAll(m, chat.id, ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    const page = (n: number) => m.history(chat.id, { page: n, pageSize: 3 });

    expect(page(0).messages.map((x) => x.text)).toEqual(['m5', 'm6', 'm7']);
    expect(page(1).messages.map((x) => x.text)).toEqual(['m2', 'm3', 'm4']);
    expect(page(2).messages.map((x) => x.text)).toEqual(['m1']);
    expect(page(3).messages).toEqual([]);
    for (const n of [0, 1, 2, 3]) expect(page(n).total).toBe(7);
    expect(texts(m, chat.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(m.history(chat.id, { pageSize: 10 }).messages).toHaveLength(7);
  });

  it('search matches every word, case-insensitively, and skips the trash', async () => {
    const { m, chat } = await aliceWithChat();
    const [, , trashed] = sendAll(m, chat.id, [
      'Meet at the Library at noon',
      'the library is closed today',
      'noon picnic at the LIBRARY, bring bread',
      'ПРИВЕТ из библиотеки',
    ]);
    const found = (q: string) => m.search(chat.id, q).map((x) => x.text);

    expect(found('library')).toEqual([
      'Meet at the Library at noon',
      'the library is closed today',
      'noon picnic at the LIBRARY, bring bread',
    ]);
    expect(found('  NOON   library ')).toEqual([
      'Meet at the Library at noon',
      'noon picnic at the LIBRARY, bring bread',
    ]);
    expect(found('library noon picnic')).toEqual(['noon picnic at the LIBRARY, bring bread']);
    expect(found('привет')).toEqual(['ПРИВЕТ из библиотеки']);
    expect(found('library tomorrow')).toEqual([]);

    m.trashMessage(chat.id, trashed as MessageId);
    expect(found('noon')).toEqual(['Meet at the Library at noon']);
    await expectServiceError(() => m.search(chat.id, '   '), 'bad-input');
  });

  it('trash, restore, purge, empty trash and clear history, with the counts in the chat list', async () => {
    const { m, chat } = await aliceWithChat();
    const ids = sendAll(m, chat.id, ['a', 'b', 'c', 'd', 'e']) as [
      MessageId,
      MessageId,
      MessageId,
      MessageId,
      MessageId,
    ];
    const counts = () => {
      const c = m.listChats().find((x) => x.id === chat.id);
      return [c?.count, c?.trashCount];
    };
    expect(counts()).toEqual([5, 0]);

    m.trashMessage(chat.id, ids[1]);
    m.trashMessage(chat.id, ids[3]);
    expect(counts()).toEqual([3, 2]);
    expect(texts(m, chat.id)).toEqual(['a', 'c', 'e']);
    const trash = m.history(chat.id, { trash: true });
    expect(trash.total).toBe(2);
    expect(trash.messages.map((x) => [x.text, x.deleted])).toEqual([
      ['b', true],
      ['d', true],
    ]);
    expect(m.message(chat.id, ids[1]).deleted).toBe(true);

    m.restoreMessage(chat.id, ids[1]);
    expect(counts()).toEqual([4, 1]);
    expect(texts(m, chat.id)).toEqual(['a', 'b', 'c', 'e']);
    expect(m.message(chat.id, ids[1]).deleted).toBe(false);

    m.purgeMessage(chat.id, ids[2]);
    expect(counts()).toEqual([3, 1]);
    await expectServiceError(() => m.message(chat.id, ids[2]), 'unknown-message');
    expect(texts(m, chat.id)).toEqual(['a', 'b', 'e']);

    expect(m.emptyTrash(chat.id)).toBe(1);
    expect(counts()).toEqual([3, 0]);
    expect(m.history(chat.id, { trash: true })).toMatchObject({ messages: [], total: 0 });
    await expectServiceError(() => m.message(chat.id, ids[3]), 'unknown-message');
    expect(m.emptyTrash(chat.id)).toBe(0);

    m.trashMessage(chat.id, ids[0]);
    expect(m.clearHistory(chat.id)).toBe(3);
    expect(counts()).toEqual([0, 0]);
    expect(m.history(chat.id)).toMatchObject({ messages: [], total: 0 });
    expect(m.history(chat.id, { trash: true }).total).toBe(0);
  });

  it("refuses an unknown message id, and another chat's message id, with 'unknown-message'", async () => {
    const { m, chat } = await aliceWithChat();
    const other = await m.createChat({ name: 'Other', secret: 'other-secret', format: 'sealed-v2' });
    const [mine] = sendAll(m, chat.id, ['mine']) as [MessageId];
    const [theirs] = sendAll(m, other.id, ['theirs']) as [MessageId];
    const missing = 987_654 as MessageId;

    for (const id of [missing, theirs]) {
      await expectServiceError(() => m.message(chat.id, id), 'unknown-message');
      await expectServiceError(() => m.trashMessage(chat.id, id), 'unknown-message');
      await expectServiceError(() => m.restoreMessage(chat.id, id), 'unknown-message');
      await expectServiceError(() => m.purgeMessage(chat.id, id), 'unknown-message');
    }
    // Nothing was touched in the other chat.
    expect(m.history(other.id).messages.map((x) => [x.id, x.text, x.deleted])).toEqual([
      [theirs, 'theirs', false],
    ]);
    expect(m.history(chat.id).messages.map((x) => [x.id, x.text])).toEqual([[mine, 'mine']]);
    await expectServiceError(() => m.history(424_242 as LocalChatId), 'unknown-chat');
  });
});

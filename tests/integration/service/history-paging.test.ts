import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalChatId, MessageId } from '../../../src-shared/types.js';
import { expectServiceError, freshVaults } from './helpers.js';

const vaults = freshVaults();
const T0 = 1_800_000_000;
const at = (seconds: number) => vi.setSystemTime(new Date((T0 + seconds) * 1000));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A chat of `n` messages "m1".."mn"; every two share a second, so paging must order ties by id. */
async function chatOf(n: number) {
  const { m } = await vaults.user('Alice');
  const chat = await m.createChat({ name: 'Notes', secret: 'notes-secret', format: 'sealed-v2' });
  const ids: MessageId[] = [];
  for (let i = 1; i <= n; i++) {
    at(10 + (i >> 1));
    ids.push(m.send(chat.id, `m${i}`).message.id);
  }
  return { m, chat: chat.id, ids };
}

const texts = (p: { messages: { text: string }[] }) => p.messages.map((x) => x.text);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `m${a + i}`);

describe('history by keys', () => {
  it('walks from the newest page to the oldest with before, and back with after', async () => {
    const { m, chat } = await chatOf(11);
    const newest = m.history(chat, { pageSize: 4 });
    expect(newest).toMatchObject({ total: 11, first: 7, hasOlder: true, hasNewer: false });
    expect(texts(newest)).toEqual(range(8, 11));

    const seen: string[][] = [texts(newest)];
    let page = newest;
    while (page.hasOlder) {
      page = m.history(chat, { before: page.messages[0]?.id as MessageId, pageSize: 4 });
      seen.unshift(texts(page));
    }
    expect(seen).toEqual([range(1, 3), range(4, 7), range(8, 11)]);
    expect(page).toMatchObject({ first: 0, hasOlder: false, hasNewer: true });

    const oldest = m.history(chat, { oldest: true, pageSize: 4 });
    expect(texts(oldest)).toEqual(range(1, 4));
    const next = m.history(chat, { after: oldest.messages[3]?.id as MessageId, pageSize: 4 });
    expect(texts(next)).toEqual(range(5, 8));
    expect(next).toMatchObject({ first: 4, hasOlder: true, hasNewer: true });
  });

  it('centres a page on a message, and fills it from the other side near either end', async () => {
    const { m, chat, ids } = await chatOf(20);
    const mid = m.history(chat, { around: ids[9] as MessageId, pageSize: 5 });
    expect(texts(mid)).toEqual(range(8, 12));
    expect(mid.first).toBe(7);
    expect(texts(m.history(chat, { around: ids[0] as MessageId, pageSize: 5 }))).toEqual(range(1, 5));
    const end = m.history(chat, { around: ids[19] as MessageId, pageSize: 5 });
    expect(texts(end)).toEqual(range(16, 20));
    expect(end).toMatchObject({ first: 15, hasNewer: false });
  });

  it('page numbers still count from the newest, read from the nearer end', async () => {
    const { m, chat } = await chatOf(10);
    const page = (n: number) => m.history(chat, { page: n, pageSize: 3 });
    expect([0, 1, 2, 3, 4].map((n) => texts(page(n)))).toEqual([
      range(8, 10),
      range(5, 7),
      range(2, 4),
      ['m1'],
      [],
    ]);
    expect(page(3)).toMatchObject({ first: 0, hasOlder: false });
  });

  it('gives at most 500 messages a page, also when no size is asked', async () => {
    const { m } = await vaults.user('Bob');
    const chat = await m.createChat({ name: 'Big', secret: 'big-secret', format: 'sealed-v2' });
    m.batch(() => {
      for (let i = 0; i < 501; i++) m.send(chat.id, `n${i}`);
    });
    const page = m.history(chat.id);
    expect(page.messages).toHaveLength(500);
    expect(page).toMatchObject({ total: 501, first: 1, hasOlder: true });
    expect(page.messages.at(-1)?.text).toBe('n500');
    expect(m.history(chat.id, { pageSize: 1_000_000 }).messages).toHaveLength(500);
  });

  it('keeps the trash apart, and refuses an anchor from elsewhere or two ways at once', async () => {
    const { m, chat, ids } = await chatOf(5);
    m.trashMessage(chat, ids[1] as MessageId);
    m.trashMessage(chat, ids[3] as MessageId);
    expect(texts(m.history(chat, { trash: true, around: ids[3] as MessageId }))).toEqual(['m2', 'm4']);
    expect(texts(m.history(chat, { before: ids[4] as MessageId }))).toEqual(['m1', 'm3']);
    await expectServiceError(() => m.history(chat, { before: ids[1] as MessageId }), 'unknown-message');
    await expectServiceError(() => m.history(chat, { around: 9999 as MessageId }), 'unknown-message');
    await expectServiceError(() => m.history(chat, { page: 1, before: ids[4] as MessageId }), 'bad-input');
    const other = await m.createChat({ name: 'Other', secret: 'other-secret', format: 'sealed-v2' });
    await expectServiceError(
      () => m.history(other.id as LocalChatId, { around: ids[0] as MessageId }),
      'unknown-message',
    );
  });
});

describe('chat summaries', () => {
  it("carry the newest message's own time, outside the trash, also while locked", async () => {
    const { m, chat, ids } = await chatOf(3);
    expect(m.chat(chat).lastMessageAt).toBe(T0 + 11);
    m.trashMessage(chat, ids[2] as MessageId);
    expect(m.chat(chat)).toMatchObject({ lastMessageAt: T0 + 11, count: 2, trashCount: 1 });
    m.trashMessage(chat, ids[1] as MessageId);
    expect(m.chat(chat).lastMessageAt).toBe(T0 + 10);
    m.lockChat(chat);
    expect(m.listChats().find((c) => c.id === chat)).toMatchObject({ locked: true, lastMessageAt: T0 + 10 });
    const empty = await m.createChat({ name: 'Empty', secret: 'empty-secret', format: 'sealed-v2' });
    expect(empty).not.toHaveProperty('lastMessageAt');
  });

  it('keep their counts through send, trash, restore, purge, empty trash, clear and delete', async () => {
    const { m, chat, ids } = await chatOf(6);
    const counts = () => {
      const c = m.chat(chat);
      return [c.count, c.trashCount];
    };
    expect(counts()).toEqual([6, 0]);
    m.trashMessage(chat, ids[0] as MessageId);
    m.trashMessage(chat, ids[1] as MessageId);
    m.trashMessage(chat, ids[1] as MessageId);
    expect(counts()).toEqual([4, 2]);
    m.restoreMessage(chat, ids[0] as MessageId);
    expect(counts()).toEqual([5, 1]);
    m.purgeMessage(chat, ids[2] as MessageId);
    m.purgeMessage(chat, ids[1] as MessageId);
    expect(counts()).toEqual([4, 0]);
    m.trashMessage(chat, ids[3] as MessageId);
    expect(m.emptyTrash(chat)).toBe(1);
    expect(counts()).toEqual([3, 0]);
    expect(m.clearHistory(chat)).toBe(3);
    expect(counts()).toEqual([0, 0]);
  });
});

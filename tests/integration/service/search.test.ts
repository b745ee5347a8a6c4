import { describe, expect, it } from 'vitest';
import { type ChatId, deriveSealedKey, pointerToText, sealSealed } from '../../../src-main/core/index.js';
import type { LocalChatId, MessageId } from '../../../src-shared/types.js';
import { expectServiceError, freshVaults } from './helpers.js';

const vaults = freshVaults();

async function chatWith(list: string[]) {
  const { m, master } = await vaults.user('Alice');
  const chat = await m.createChat({ name: 'Notes', secret: 'notes-secret', format: 'sealed-v2' });
  const ids = list.map((t) => m.send(chat.id, t).message.id);
  return { m, master, chat: chat.id as LocalChatId, ids };
}

const found = (m: Awaited<ReturnType<typeof chatWith>>['m'], chat: LocalChatId, q: string) =>
  m.search(chat, q).map((x) => x.text);

describe('search, from the index kept while the chat is unlocked', () => {
  it('finds messages sent, imported and restored after the first search, and not those trashed or purged', async () => {
    const { m, chat, ids } = await chatWith(['blue book', 'red book', 'blue pen']);
    expect(found(m, chat, 'blue')).toEqual(['blue book', 'blue pen']);

    m.send(chat, 'Blue sky');
    m.trashMessage(chat, ids[0] as MessageId);
    expect(found(m, chat, 'blue')).toEqual(['blue pen', 'Blue sky']);
    expect(m.search(chat, 'blue').every((x) => !x.deleted)).toBe(true);

    m.restoreMessage(chat, ids[0] as MessageId);
    m.purgeMessage(chat, ids[2] as MessageId);
    expect(found(m, chat, 'blue')).toEqual(['blue book', 'Blue sky']);

    // A pointer of this chat arrives by import (the copy sent here purged first, so it is new).
    const pointer = m.send(chat, 'echo blue').pointer;
    m.purgeMessage(chat, m.search(chat, 'echo')[0]?.id as MessageId);
    expect(found(m, chat, 'echo')).toEqual([]);
    expect(await m.importPaste(pointer)).toMatchObject([{ kind: 'stored' }]);
    expect(found(m, chat, 'echo')).toEqual(['echo blue']);
  });

  it('stays right when the newest message is purged and its id given to the next one', async () => {
    const { m, chat, ids } = await chatWith(['one apple', 'two apples']);
    expect(found(m, chat, 'apple')).toEqual(['one apple', 'two apples']);
    m.purgeMessage(chat, ids[1] as MessageId);
    const again = m.send(chat, 'three apples').message.id;
    expect(again).toBe(ids[1]);
    expect(found(m, chat, 'apple')).toEqual(['one apple', 'three apples']);
  });

  it('after emptying the trash or clearing the history finds only what is left', async () => {
    const { m, chat, ids } = await chatWith(['cat one', 'cat two', 'cat three']);
    expect(found(m, chat, 'cat')).toHaveLength(3);
    m.trashMessage(chat, ids[1] as MessageId);
    m.emptyTrash(chat);
    expect(found(m, chat, 'cat')).toEqual(['cat one', 'cat three']);
    m.clearHistory(chat);
    expect(found(m, chat, 'cat')).toEqual([]);
    m.send(chat, 'cat four');
    expect(found(m, chat, 'cat')).toEqual(['cat four']);
  });

  it('is gone with the lock and the logout: a locked chat cannot be searched, and unlocking reads it anew', async () => {
    const { m, master, chat } = await chatWith(['secret plan']);
    expect(found(m, chat, 'plan')).toEqual(['secret plan']);
    m.lockChat(chat);
    await expectServiceError(() => m.search(chat, 'plan'), 'chat-locked');
    await m.unlockChat(chat, 'notes-secret');
    m.send(chat, 'second plan');
    expect(found(m, chat, 'plan')).toEqual(['secret plan', 'second plan']);
    m.logout();
    await m.login(master);
    await expectServiceError(() => m.search(chat, 'plan'), 'chat-locked');
    await m.unlockChat(chat, 'notes-secret');
    expect(found(m, chat, 'PLAN second')).toEqual(['second plan']);
  });

  it('orders results by the sender’s time even when an older message arrives later', async () => {
    const { m, chat } = await chatWith(['late word']);
    expect(found(m, chat, 'word')).toEqual(['late word']);
    const key = deriveSealedKey('notes-secret', m.chat(chat).wireId as ChatId, 12);
    if (!key.ok) throw new Error(key.error.message);
    const nonce = crypto.getRandomValues(new Uint8Array(16));
    const early = sealSealed(key.value, { author: 'Bob', text: 'early word', epoch: 1_000_000_000, nonce });
    if (!early.ok) throw new Error(early.error.message);
    expect(await m.importPaste(pointerToText(early.value))).toMatchObject([{ kind: 'stored' }]);
    expect(found(m, chat, 'word')).toEqual(['early word', 'late word']);
  });
});

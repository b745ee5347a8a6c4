import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freshVaults, importOne, longText, outcome, texts } from '../service/helpers.js';

const vaults = freshVaults();

const SECRET = 'shared between two';

function visibleRows(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { chats: n('chats'), messages: n('messages') };
  } finally {
    db.close();
  }
}

describe('imports into hidden chats', () => {
  for (const format of ['sealed-v2', 'legacy'] as const) {
    it(`${format}: created hidden on receipt; closed, its pointers read as an unknown chat's; its secret routes them to it, never to a visible copy`, async () => {
      const alice = await vaults.user('Alice');
      const bob = await vaults.user('Bob');
      const chat = await alice.m.createChat({ name: 'Ferry', secret: SECRET, format });
      const [p1, p2, p3] = [1, 2, 3].map((i) => alice.m.send(chat.id, longText(`message ${i}`)).pointer);

      const created = outcome(
        await importOne(bob.m, p1 as string, { secret: SECRET, hidden: true }),
        'stored',
      );
      expect(created.created).toBe(true);
      expect(bob.m.chat(created.chatId)).toMatchObject({ hidden: true, wireId: chat.wireId, count: 1 });
      expect(visibleRows(bob.path)).toEqual({ chats: 0, messages: 0 });

      bob.m.lockChat(created.chatId);
      // Closed, it is unknown: the pointer asks for a new chat's secret, and nothing names it.
      const unknown = outcome(await importOne(bob.m, p2 as string), 'new-chat');
      expect(unknown).toMatchObject({ wireId: chat.wireId });
      expect(JSON.stringify(unknown)).not.toContain('Ferry');
      expect(bob.m.listChats()).toEqual([]);

      // Its secret opens it and stores the message there.
      const routed = outcome(await importOne(bob.m, p2 as string, { secret: SECRET }), 'stored');
      expect(routed).toMatchObject({ chatId: created.chatId, created: false });
      expect(visibleRows(bob.path)).toEqual({ chats: 0, messages: 0 });
      expect(bob.m.listChats().map((c) => [c.id, c.hidden])).toEqual([[created.chatId, true]]);

      // Open, it takes its pointers like any open chat, and knows its duplicates.
      outcome(await importOne(bob.m, p3 as string), 'stored');
      outcome(await importOne(bob.m, p2 as string), 'duplicate');
      expect(texts(bob.m, created.chatId)).toEqual([1, 2, 3].map((i) => longText(`message ${i}`)));

      // Closed again, a duplicate given with the secret is still a duplicate, not a new chat.
      bob.m.lockChat(created.chatId);
      outcome(await importOne(bob.m, p1 as string, { secret: SECRET }), 'duplicate');
      expect(visibleRows(bob.path)).toEqual({ chats: 0, messages: 0 });
      expect(bob.m.listChats().map((c) => c.id)).toEqual([created.chatId]);
    });
  }

  it('created hidden on receipt with a secret another hidden chat has: that pointer is refused in a sentence, the rest goes on', async () => {
    const alice = await vaults.user('Alice');
    const bob = await vaults.user('Bob');
    const h = await bob.m.createChat({ name: 'Mine', secret: SECRET, format: 'sealed-v2', hidden: true });
    bob.m.lockChat(h.id);
    const taken = await alice.m.createChat({ name: 'Taken', secret: SECRET, format: 'sealed-v2' });
    const other = await alice.m.createChat({ name: 'Free', secret: 'another secret', format: 'sealed-v2' });
    const p1 = alice.m.send(taken.id, 'one').pointer;
    const p2 = alice.m.send(other.id, 'two').pointer;
    const out = await bob.m.importPaste(`${p1}\n${p2}`, { secret: SECRET, hidden: true });
    expect(outcome(out[0], 'refused').message).toBe(
      'This secret already opens a hidden chat; choose another.',
    );
    outcome(out[1], 'wrong-secret');
    expect(bob.m.listChats()).toEqual([]);
    expect(visibleRows(bob.path)).toEqual({ chats: 0, messages: 0 });
  });

  it('a secret that locates another hidden chat does not open it for a pointer of a different chat', async () => {
    const alice = await vaults.user('Alice');
    const bob = await vaults.user('Bob');
    const h = await bob.m.createChat({ name: 'Mine', secret: SECRET, format: 'sealed-v2', hidden: true });
    bob.m.lockChat(h.id);
    const chat = await alice.m.createChat({ name: 'Other', secret: SECRET, format: 'sealed-v2' });
    const p = alice.m.send(chat.id, 'hello').pointer;
    const got = outcome(await importOne(bob.m, p, { secret: SECRET }), 'stored');
    expect(got.created).toBe(true);
    // A new visible chat; the hidden one stays closed and unlisted.
    expect(bob.m.listChats().map((c) => [c.name, c.hidden ?? false])).toEqual([['Other', false]]);
  });
});

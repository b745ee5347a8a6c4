/**
 * A pointer is stored once. The duplicate index is keyed per chat (issue 11,
 * finding 1), so a pointer is recognised in the chats it routes to once they
 * are open: in the same chat, after a lock and unlock, in both formats, twice
 * in one paste or across a paste's batches; a locked chat's stored pointer
 * asks for the secret and, given it, is a duplicate.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_BATCH } from '../../../src-main/service/import-router.js';
import type { LocalChatId } from '../../../src-shared/types.js';
import { freshVaults, longText, outcome } from './helpers.js';

const vaults = freshVaults();

/** Alice and Bob sharing a sealed chat and a legacy one; Bob's pointers are for Alice to import. */
async function twoPeople() {
  const alice = await vaults.user('alice');
  const bob = await vaults.user('bob');
  const sealed = await alice.m.createChat({ name: 'Sealed', secret: 'sealed secret', format: 'sealed-v2' });
  const legacy = await alice.m.createChat({
    name: 'Legacy',
    secret: 'legacy secret',
    format: 'legacy',
    legacyId: '31',
  });
  const own = alice.m.send(sealed.id, 'from alice').pointer;
  const bobSealed = outcome((await bob.m.importPaste(own, { secret: 'sealed secret' }))[0], 'stored').chatId;
  const bobLegacy = await bob.m.createChat({
    name: 'Legacy',
    secret: 'legacy secret',
    format: 'legacy',
    legacyId: '31',
  });
  return {
    a: alice.m,
    b: bob.m,
    sealed: sealed.id,
    legacy: legacy.id,
    own,
    bobSealed,
    bobLegacy: bobLegacy.id,
  };
}

const kinds = (os: { kind: string }[]) => os.map((o) => o.kind);

describe('duplicates', () => {
  it('are recognised in the same chat, twice in one paste, after a re-unlock, in both formats', async () => {
    const t = await twoPeople();
    const fromBobLegacy = t.b.send(t.bobLegacy, longText('legacy one')).pointer;
    const fromBobSealed = t.b.send(t.bobSealed, 'sealed one').pointer;
    const paste = [fromBobLegacy, fromBobSealed, fromBobLegacy, t.own].join('\n');

    const first = await t.a.importPaste(paste);
    expect(kinds(first)).toEqual(['stored', 'stored', 'duplicate', 'duplicate']);
    expect(first[3]?.message).toBe('This is a message you sent, already in chat "Sealed".');
    expect(kinds(await t.a.importPaste(paste))).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);

    t.a.lockChat(t.sealed);
    t.a.lockChat(t.legacy);
    await t.a.unlockChat(t.sealed, 'sealed secret');
    await t.a.unlockChat(t.legacy, 'legacy secret');
    const again = await t.a.importPaste(paste);
    expect(kinds(again)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(again.map((o) => ('chatId' in o ? o.chatId : undefined))).toEqual([
      t.legacy,
      t.sealed,
      t.legacy,
      t.sealed,
    ]);
    expect(t.a.listChats().map((c) => [c.name, c.count])).toEqual(
      expect.arrayContaining([
        ['Sealed', 2],
        ['Legacy', 1],
      ]),
    );
  });

  it('in a locked chat: the pointer asks for the secret, and with it is a duplicate, not stored twice', async () => {
    const t = await twoPeople();
    const stored = t.b.send(t.bobLegacy, longText('stored before')).pointer;
    outcome((await t.a.importPaste(stored))[0], 'stored');
    const fresh = t.b.send(t.bobLegacy, longText('new while locked')).pointer;
    t.a.lockChat(t.legacy);

    const asked = outcome((await t.a.importPaste(stored))[0], 'needs-secret');
    expect(asked).toMatchObject({ chatId: t.legacy, chatName: 'Legacy' });
    // Both pointers of the locked chat, and the first again: one unlock, then each looked up.
    const given = await t.a.importPaste([stored, fresh, stored].join('\n'), { secret: 'legacy secret' });
    expect(kinds(given)).toEqual(['duplicate', 'stored', 'duplicate']);
    expect(t.a.chat(t.legacy)).toMatchObject({ locked: false, count: 2 });
  });

  it('a pointer of a locked chat is not taken by an open chat sharing its legacy id', async () => {
    const t = await twoPeople();
    const pointer = t.b.send(t.bobLegacy, longText('for the first legacy chat')).pointer;
    outcome((await t.a.importPaste(pointer))[0], 'stored');
    const other = await t.a.createChat({
      name: 'Other',
      secret: 'another secret',
      format: 'legacy',
      legacyId: '31',
    });
    t.a.lockChat(t.legacy);
    expect((await t.a.importPaste(pointer))[0]).toMatchObject({ kind: 'needs-secret', chatId: t.legacy });
    expect(t.a.chat(other.id).count).toBe(0);
  });

  it('are recognised across the batches of a long paste, and all of it on the second paste', async () => {
    const t = await twoPeople();
    const n = IMPORT_BATCH + 100;
    const pointers = t.b.batch(() =>
      Array.from({ length: n }, (_, i) => t.b.send(t.bobSealed, `message ${i}`).pointer),
    );
    // The 6th pointer comes again in the second batch, after the first batch was committed.
    const paste = [...pointers, pointers[5] as string];
    const first = await t.a.importPaste(paste.join('\n'));
    expect(first.filter((o) => o.kind === 'stored')).toHaveLength(n);
    expect(first[n]).toMatchObject({ kind: 'duplicate', chatId: t.sealed });
    const second = await t.a.importPaste(paste.join('\n'));
    expect(second.every((o) => o.kind === 'duplicate')).toBe(true);
    expect(t.a.chat(t.sealed).count).toBe(n + 1);
  });

  it('the clipboard offers what no open chat holds: a locked chat’s stored pointer is offered', async () => {
    const t = await twoPeople();
    const inOpen = t.b.send(t.bobSealed, 'held by an open chat').pointer;
    const inLocked = t.b.send(t.bobLegacy, longText('held by a locked chat')).pointer;
    const newOpen = t.b.send(t.bobSealed, 'not stored yet').pointer;
    const stranger = await t.b.createChat({ name: 'Stranger', secret: 'x', format: 'sealed-v2' });
    const unknown = t.b.send(stranger.id, 'a chat alice does not have').pointer;
    await t.a.importPaste([inOpen, inLocked].join('\n'));
    t.a.lockChat(t.legacy as LocalChatId);

    const offer = t.a.unstoredPointers(['some words', inOpen, inLocked, newOpen, unknown, t.own].join('\n'));
    expect(offer).toEqual({ pointers: 3, text: [inLocked, newOpen, unknown].join('\n') });
    await t.a.unlockChat(t.legacy, 'legacy secret');
    expect(t.a.unstoredPointers([inLocked, newOpen].join('\n'))).toEqual({ pointers: 1, text: newOpen });
  });
});

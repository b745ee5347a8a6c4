import { describe, expect, it } from 'vitest';
import { IMPORT_BATCH } from '../../../src-main/service/import-router.js';
import type { ImportOutcome } from '../../../src-shared/types.js';
import { legacyVectors, refusedVectors, sealedVectors } from '../../unit/vectors.js';
import { freshVaults, importOne, longText, outcome, texts } from './helpers.js';

const vaults = freshVaults();

/** Garbage that looks like pointers: each must be refused on its own, without stopping the rest. */
const GARBAGE = [
  '{"c":"1","e":"soon","d":"00"}',
  '{"v":9,"c":"AAAAAAAAAAAAAAAAAAAAAA","e":1,"d":"AA"}',
  '{"v":2,"c":"short","k":12,"e":1,"n":"AAAAAAAAAAAAAAAAAAAAAA","d":"","t":"AAAAAAAAAAAAAAAAAAAAAA"}',
];

describe('exchange between two vaults', () => {
  it('sealed: A creates and sends, B creates the chat on receipt, B replies, A reads it', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({ name: 'Book Club', secret: 'shared secret', format: 'sealed-v2' });
    const first = a.m.send(chatA.id, 'Hi Bob, chapter 3 tonight?').pointer;

    // No secret: B is told this is a chat it does not have yet.
    expect(await b.m.importPaste(first)).toEqual([
      expect.objectContaining({ kind: 'new-chat', format: 'sealed-v2', wireId: chatA.wireId, offset: 0 }),
    ]);
    expect(b.m.listChats()).toEqual([]);

    // A wrong secret creates nothing.
    outcome(await importOne(b.m, first, { secret: 'not the shared secret' }), 'wrong-secret');
    expect(b.m.listChats()).toEqual([]);

    // The right secret creates the chat, named from the sealed title, with the message in it.
    const got = outcome(await importOne(b.m, first, { secret: 'shared secret' }), 'stored');
    expect(got).toMatchObject({ created: true, chatName: 'Book Club' });
    expect(b.m.listChats()).toMatchObject([
      {
        id: got.chatId,
        name: 'Book Club',
        format: 'sealed-v2',
        wireId: chatA.wireId,
        locked: false,
        count: 1,
      },
    ]);
    expect(b.m.history(got.chatId).messages).toMatchObject([
      {
        id: got.messageId,
        direction: 'received',
        author: 'Alice',
        text: 'Hi Bob, chapter 3 tonight?',
        pointer: first,
      },
    ]);

    // B replies; A's open chat takes it without a secret.
    const reply = b.m.send(got.chatId, 'Yes! 8 pm.').pointer;
    const back = outcome(await importOne(a.m, reply), 'stored');
    expect(back).toMatchObject({ chatId: chatA.id, chatName: 'Book Club', created: false });
    expect(a.m.history(chatA.id).messages.map((x) => [x.direction, x.author, x.text])).toEqual([
      ['sent', 'Alice', 'Hi Bob, chapter 3 tonight?'],
      ['received', 'Bob', 'Yes! 8 pm.'],
    ]);
    expect(a.m.listChats()).toHaveLength(1);

    // The same pointer twice is stored once, wherever it comes from.
    expect(outcome(await importOne(a.m, reply), 'duplicate').chatId).toBe(chatA.id);
    expect(outcome(await importOne(b.m, first, { secret: 'shared secret' }), 'duplicate').chatId).toBe(
      got.chatId,
    );
    // A pasting its own sent pointer: a duplicate that says it is A's own message, which stays 'sent'.
    const own = outcome(await importOne(a.m, first), 'duplicate');
    expect(own.chatId).toBe(chatA.id);
    expect(own.message).toBe(`This is a message you sent, already in chat "${chatA.name}".`);
    // Even as another messenger mangles it (typographic quotes, spaces inside values).
    const mangled = first
      .replace(/"d":"(.{5})/, '"d":"$1 \n')
      .replace(/"/g, (_q, offset: number) => (offset % 2 ? '\u201C' : '\u201D'));
    expect(mangled).not.toContain('"');
    expect(mangled).toContain(' \n');
    outcome(await importOne(a.m, `here you go: ${mangled} cheers`), 'duplicate');
    expect(a.m.history(chatA.id).messages.map((x) => x.direction)).toEqual(['sent', 'received']);
    expect(b.m.history(got.chatId).total).toBe(2);
  });

  it("a chat created on receipt takes opts.name over the sealed title; the receiver's replies carry no title", async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({
      name: 'Surprise Party',
      secret: 'party-secret',
      format: 'sealed-v2',
    });
    const p = a.m.send(chatA.id, 'Do not tell Carol').pointer;
    const got = outcome(
      await importOne(b.m, p, { secret: 'party-secret', name: '  Carol party  ' }),
      'stored',
    );
    expect(got).toMatchObject({ created: true, chatName: 'Carol party' });
    expect(b.m.chat(got.chatId).name).toBe('Carol party');

    // B's reply does not rename anything on A's side, and B's own name for the chat never travels.
    const reply = b.m.send(got.chatId, 'ok').pointer;
    outcome(await importOne(a.m, reply), 'stored');
    expect(a.m.chat(chatA.id).name).toBe('Surprise Party');
    const c = await vaults.user('Carol');
    const atCarol = outcome(await importOne(c.m, reply, { secret: 'party-secret' }), 'stored');
    expect(atCarol.created).toBe(true);
    expect(atCarol.chatName).not.toBe('Carol party');
    expect(atCarol.chatName).not.toBe('Surprise Party');
  });

  it('an altered pointer for a chat I hold is refused, not offered as a new chat nor blamed on the secret', async () => {
    const { m } = await vaults.user('Bob');
    const original = sealedVectors.find((v) => v.chat === 'Bfl-xDKyuIY0p4UHXdcE_A');
    if (!original) throw new Error('sealed vector missing');
    const chat = outcome(await importOne(m, original.pointer, { secret: original.secret }), 'stored').chatId;
    const altered = refusedVectors.filter((r) => /^field [dte] altered$/.test(r.why));
    expect(altered).toHaveLength(3);

    for (const r of altered) {
      // The chat is open: this is its id, the tag fails, so the pointer was altered.
      const o = await importOne(m, r.pointer);
      expect(o.kind, `${r.why}: ${o.message}`).toBe('refused');
      // Given the chat's right secret, it is still the pointer that is wrong, not the secret.
      const withSecret = await importOne(m, r.pointer, { secret: r.secret });
      expect(withSecret.kind, `${r.why} with the secret: ${withSecret.message}`).toBe('refused');
    }
    m.lockChat(chat);
    const r = altered[0];
    if (!r) throw new Error('unreachable');
    const locked = await importOne(m, r.pointer, { secret: r.secret });
    expect(locked.kind, `locked chat, right secret: ${locked.message}`).toBe('refused');
    expect(m.listChats()).toMatchObject([{ id: chat, count: 1 }]);
  });

  it('an invalid name for a chat created on receipt does not leave a paste half-imported', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const known = await a.m.createChat({ name: 'Known', secret: 'same-secret', format: 'sealed-v2' });
    const unknown = await a.m.createChat({ name: 'Unknown', secret: 'same-secret', format: 'sealed-v2' });
    const chatB = outcome(
      await importOne(b.m, a.m.send(known.id, 'first').pointer, { secret: 'same-secret' }),
      'stored',
    ).chatId;
    const paste = `${a.m.send(known.id, 'second').pointer}\n${a.m.send(unknown.id, 'elsewhere').pointer}`;
    const tooLong = 'n'.repeat(101);

    let out: ImportOutcome[] | undefined;
    let error: unknown;
    try {
      out = await b.m.importPaste(paste, { secret: 'same-secret', name: tooLong });
    } catch (e) {
      error = e;
    }
    if (error !== undefined) {
      // Refused as a whole: then nothing of it may have been stored.
      expect(texts(b.m, chatB), 'refused with an error, yet the first pointer was stored').toEqual(['first']);
    } else {
      // Or reported pointer by pointer: the first stored, the second not turned into a chat.
      expect(out?.map((o) => o.kind)).toEqual(['stored', 'refused']);
      expect(b.m.listChats()).toHaveLength(1);
    }
  });

  it('the same new pointer imported twice at once is stored once, the other reported a duplicate', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({ name: 'Twice', secret: 'twice-secret', format: 'sealed-v2' });
    const p = a.m.send(chatA.id, 'only once').pointer;

    const results = await Promise.allSettled([
      b.m.importPaste(p, { secret: 'twice-secret' }),
      b.m.importPaste(p, { secret: 'twice-secret' }),
    ]);
    const kinds = results.map((r) =>
      r.status === 'fulfilled' ? r.value.map((o) => o.kind).join() : `threw ${r.reason}`,
    );
    expect(kinds.sort()).toEqual(['duplicate', 'stored']);
    expect(b.m.listChats()).toMatchObject([{ count: 1 }]);
  });

  it("two imports running at once for one new chat's pointers put them in one chat", async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({ name: 'Concurrent', secret: 'conc-secret', format: 'sealed-v2' });
    const p1 = a.m.send(chatA.id, 'first').pointer;
    const p2 = a.m.send(chatA.id, 'second').pointer;

    const [o1, o2] = await Promise.all([
      importOne(b.m, p1, { secret: 'conc-secret' }),
      importOne(b.m, p2, { secret: 'conc-secret' }),
    ]);
    const s1 = outcome(o1, 'stored');
    const s2 = outcome(o2, 'stored');
    expect(s2.chatId).toBe(s1.chatId);
    expect([s1.created, s2.created].sort()).toEqual([false, true]);
    expect(b.m.listChats()).toHaveLength(1);
    expect(texts(b.m, s1.chatId)).toEqual(['first', 'second']);
  });

  it('logging out while an import creates a legacy chat leaves the vault readable', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({
      name: 'Old',
      secret: 'old-secret',
      format: 'legacy',
      legacyId: '8',
    });
    const p = a.m.send(chatA.id, longText('racing the logout')).pointer;
    const kept = await b.m.createChat({ name: 'Kept', secret: 'kept-secret', format: 'sealed-v2' });

    const pending = b.m.importPaste(p, { secret: 'old-secret' });
    b.m.logout();
    await pending.catch(() => undefined);

    await b.m.login(b.master);
    const chats = b.m.listChats();
    expect(chats.map((c) => c.id)).toContain(kept.id);
    for (const c of chats.filter((x) => x.wireId === '8')) {
      await b.m.unlockChat(c.id, 'old-secret');
      expect(texts(b.m, c.id)).toEqual([longText('racing the logout')]);
    }
    // Either way the pointer can be imported now (or is already there).
    expect(['stored', 'duplicate']).toContain((await importOne(b.m, p, { secret: 'old-secret' })).kind);
  });

  it('reads what the independent sealed v2 implementation wrote: author, text, time, title as the name', async () => {
    const { m } = await vaults.user('Bob');
    for (const v of sealedVectors) {
      const o = outcome(await importOne(m, v.pointer, { secret: v.secret }), 'stored');
      expect(o.created).toBe(true);
      if (v.title !== null) expect(o.chatName).toBe(v.title);
      expect(m.message(o.chatId, o.messageId)).toMatchObject({
        direction: 'received',
        author: v.author,
        text: v.text,
        epoch: v.epoch,
      });
      expect(await m.chatInfo(o.chatId)).toMatchObject({
        wireId: v.chat,
        k: v.k,
        fingerprint: v.fingerprint,
      });
    }
  });

  it('legacy: both ways, with the chat id and suffix both sides agreed on', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({
      name: 'Old times',
      secret: 'legacy shared',
      format: 'legacy',
      legacyId: '42',
      suffix: 'room-42',
    });
    const first = a.m.send(chatA.id, longText('hello from the legacy side')).pointer;

    expect(await b.m.importPaste(first)).toEqual([
      expect.objectContaining({ kind: 'new-chat', format: 'legacy', wireId: '42' }),
    ]);
    outcome(await importOne(b.m, first, { secret: 'not it', suffix: 'room-42' }), 'wrong-secret');
    // Right secret, wrong suffix: the keystream differs, so it is not the chat either.
    outcome(await importOne(b.m, first, { secret: 'legacy shared' }), 'wrong-secret');
    expect(b.m.listChats()).toEqual([]);

    const got = outcome(
      await importOne(b.m, first, { secret: 'legacy shared', suffix: 'room-42' }),
      'stored',
    );
    expect(got.created).toBe(true);
    expect(b.m.chat(got.chatId)).toMatchObject({ format: 'legacy', wireId: '42', name: 'Legacy chat 42' });
    expect(b.m.history(got.chatId).messages).toMatchObject([
      { direction: 'received', author: 'Alice', text: longText('hello from the legacy side') },
    ]);

    const reply = b.m.send(got.chatId, longText('and hello back')).pointer;
    expect(outcome(await importOne(a.m, reply), 'stored')).toMatchObject({
      chatId: chatA.id,
      created: false,
    });
    expect(a.m.history(chatA.id).messages.map((x) => [x.direction, x.author])).toEqual([
      ['sent', 'Alice'],
      ['received', 'Bob'],
    ]);
    outcome(await importOne(a.m, first), 'duplicate');
    outcome(await importOne(b.m, reply), 'duplicate');

    // Locked and unlocked again with the secret alone, B's chat still uses the agreed suffix.
    b.m.lockChat(got.chatId);
    await b.m.unlockChat(got.chatId, 'legacy shared');
    expect((await b.m.chatInfo(got.chatId)).suffix).toBe('room-42');
    const later = b.m.send(got.chatId, longText('after unlocking')).pointer;
    expect(outcome(await importOne(a.m, later), 'stored').chatId).toBe(chatA.id);
    expect(texts(a.m, chatA.id).at(-1)).toBe(longText('after unlocking'));
  });

  it('a locked chat asks for its secret, then stores the pointer in that same chat', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({ name: 'Locked talk', secret: 'talk-secret', format: 'sealed-v2' });
    const chatB = outcome(
      await importOne(b.m, a.m.send(chatA.id, 'first').pointer, { secret: 'talk-secret' }),
      'stored',
    ).chatId;
    b.m.lockChat(chatB);

    const p = a.m.send(chatA.id, 'second, while B is locked').pointer;
    const asked = outcome(await importOne(b.m, p), 'needs-secret');
    expect(asked).toMatchObject({ chatId: chatB, chatName: 'Locked talk' });
    expect(b.m.chat(chatB)).toMatchObject({ locked: true, count: 1 });

    outcome(await importOne(b.m, p, { secret: 'wrong' }), 'wrong-secret');
    expect(b.m.listChats()).toMatchObject([{ id: chatB, locked: true, count: 1 }]);

    const got = outcome(await importOne(b.m, p, { secret: 'talk-secret' }), 'stored');
    expect(got).toMatchObject({ chatId: chatB, created: false });
    expect(b.m.listChats()).toMatchObject([{ id: chatB, locked: false, count: 2 }]);
    expect(texts(b.m, chatB)).toEqual(['first', 'second, while B is locked']);
  });

  it('legacy ids are not unique: a pointer goes to the local chat whose secret opens it', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const one = await b.m.createChat({
      name: 'Family',
      secret: 'family-secret',
      format: 'legacy',
      legacyId: '1',
    });
    const two = await b.m.createChat({
      name: 'Work',
      secret: 'work-secret',
      format: 'legacy',
      legacyId: '1',
    });
    const fromA = await a.m.createChat({
      name: 'Work',
      secret: 'work-secret',
      format: 'legacy',
      legacyId: '1',
    });

    // Both open: it lands in the one it opens in.
    const p1 = a.m.send(fromA.id, longText('work item one')).pointer;
    expect(outcome(await importOne(b.m, p1), 'stored')).toMatchObject({ chatId: two.id, created: false });

    // Both locked: the secret given is tried on each; only the right one opens.
    b.m.lockAll();
    const p2 = a.m.send(fromA.id, longText('work item two')).pointer;
    expect(outcome(await importOne(b.m, p2), 'needs-secret').chatId).toBe(one.id);
    expect(outcome(await importOne(b.m, p2, { secret: 'work-secret' }), 'stored')).toMatchObject({
      chatId: two.id,
      created: false,
    });
    expect(b.m.chat(one.id)).toMatchObject({ locked: true, count: 0 });
    expect(b.m.chat(two.id)).toMatchObject({ locked: false, count: 2 });
    expect(texts(b.m, two.id)).toEqual([longText('work item one'), longText('work item two')]);
    expect(b.m.listChats()).toHaveLength(2);

    // A third secret for the same id is a third chat, created on receipt beside the other two.
    const third = await a.m.createChat({
      name: 'Club',
      secret: 'club-secret',
      format: 'legacy',
      legacyId: '1',
    });
    const p3 = a.m.send(third.id, longText('club news')).pointer;
    const created = outcome(await importOne(b.m, p3, { secret: 'club-secret' }), 'stored');
    expect(created.created).toBe(true);
    expect(created.chatId).not.toBe(one.id);
    expect(created.chatId).not.toBe(two.id);
    expect(b.m.listChats().filter((c) => c.wireId === '1')).toHaveLength(3);
    expect(b.m.chat(one.id)).toMatchObject({ locked: true, count: 0 });
    expect(texts(b.m, created.chatId)).toEqual([longText('club news')]);
  });

  it('a paste of many pointers and garbage: one outcome each, in order, the garbage refused, the rest stored', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({ name: 'Batch', secret: 'batch-secret', format: 'sealed-v2' });
    const ptrs = ['one', 'two', 'three'].map((t) => a.m.send(chatA.id, t).pointer);
    const [p1, p2, p3] = ptrs as [string, string, string];
    const [g1, g2, g3] = GARBAGE as [string, string, string];
    const paste = `from Alice:\n${p1}\n${g1} and ${p2}, also ${g2}\n${g3}\n${p3} -- end`;
    const progress: [number, number][] = [];

    const out = await b.m.importPaste(paste, {
      secret: 'batch-secret',
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(out.map((o) => o.kind)).toEqual(['stored', 'refused', 'stored', 'refused', 'refused', 'stored']);
    expect(out.map((o) => o.offset)).toEqual([p1, g1, p2, g2, g3, p3].map((s) => paste.indexOf(s)));
    const stored = out.filter((o): o is Extract<ImportOutcome, { kind: 'stored' }> => o.kind === 'stored');
    expect(stored.map((o) => o.created)).toEqual([true, false, false]);
    expect(new Set(stored.map((o) => o.chatId)).size).toBe(1);
    for (const o of out) {
      expect(o.message).toMatch(/\S/);
      if (o.kind === 'refused') expect(o.code).not.toBe('cancelled');
    }
    expect(progress.at(-1)).toEqual([6, 6]);
    expect(texts(b.m, stored[0]?.chatId as never)).toEqual(['one', 'two', 'three']);

    // A JSON array of pointers works too; all already stored now.
    const again = await b.m.importPaste(JSON.stringify(ptrs.map((p) => JSON.parse(p))));
    expect(again.map((o) => o.kind)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('an AbortSignal cancels the rest of an import; what was stored stays stored', async () => {
    const a = await vaults.user('Alice');
    const b = await vaults.user('Bob');
    const chatA = await a.m.createChat({ name: 'Many', secret: 'many-secret', format: 'sealed-v2' });
    const paste = ['m1', 'm2', 'm3', 'm4'].map((t) => a.m.send(chatA.id, t).pointer).join('\n');

    // Aborted before it starts: nothing at all.
    const before = new AbortController();
    before.abort();
    const none = await b.m.importPaste(paste, { secret: 'many-secret', signal: before.signal });
    expect(none.map((o) => (o.kind === 'refused' ? o.code : o.kind))).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(b.m.listChats()).toEqual([]);

    // Aborted once the first batch is stored: a cancel takes effect between batches.
    const many = Array.from({ length: IMPORT_BATCH + 2 }, (_, i) => `n${i}`);
    const big = a.m.batch(() => many.map((t) => a.m.send(chatA.id, t).pointer)).join('\n');
    const ctl = new AbortController();
    const out = await b.m.importPaste(big, {
      secret: 'many-secret',
      signal: ctl.signal,
      onProgress: () => ctl.abort(),
    });
    const kinds = out.map((o) => (o.kind === 'refused' ? o.code : o.kind));
    expect(kinds).toEqual([...many.slice(0, IMPORT_BATCH).map(() => 'stored'), 'cancelled', 'cancelled']);
    const chatB = outcome(out[0], 'stored').chatId;
    expect(b.m.chat(chatB).count).toBe(IMPORT_BATCH);

    // Importing again finishes the job.
    const rest = await b.m.importPaste(big);
    expect(rest.map((o) => o.kind)).toEqual([
      ...many.slice(0, IMPORT_BATCH).map(() => 'duplicate'),
      'stored',
      'stored',
    ]);
    expect(b.m.history(chatB, { pageSize: 3 }).messages.map((m) => m.text)).toEqual(many.slice(-3));
  });

  it('reads what the original CLM program wrote: exact author, text and time', async () => {
    const { m } = await vaults.user('Bob');
    // One vector per kind: custom suffix; non-ASCII secret, author and text; chat "1"; chat "0".
    const picked = [
      legacyVectors.find((v) => !v.suffix_is_default),
      legacyVectors.find((v) => v.text.includes('🙂')),
      legacyVectors.find((v) => /[А-я]/.test(v.author)),
      legacyVectors.find((v) => v.chat === '1' && v.text.includes('\n')),
      legacyVectors.find((v) => v.chat === '0'),
    ];
    for (const v of picked) {
      if (!v) throw new Error('a legacy vector is missing');
      const o = outcome(await importOne(m, v.pointer, { secret: v.secret, suffix: v.suffix }), 'stored');
      const info = await m.chatInfo(o.chatId);
      expect(info).toMatchObject({
        format: 'legacy',
        wireId: v.chat,
        suffix: v.suffix,
        fingerprint: v.fingerprint,
      });
      expect(m.message(o.chatId, o.messageId)).toMatchObject({
        direction: 'received',
        author: v.author,
        text: v.text,
        epoch: v.epoch,
        pointer: v.pointer,
      });
    }
  });
});

/**
 * Issue 11, finding 1: the duplicate index must not let someone holding the
 * vault file and the master phrase test guessed legacy secrets. Keyed by the
 * profile key, `seen` = HMAC(DK, pointer) was one DRBG and one HMAC per
 * (secret, text) guess, with no scrypt in the way. Keyed per chat, by a key
 * from the chat's data key, it needs the chat's secret first. Vaults written
 * before are re-indexed when each chat is first unlocked, losing nothing.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sealLegacy } from '../../../src-main/core/legacy.js';
import { pointerToText } from '../../../src-main/core/pointer-parse.js';
import { bodyAad, openBody } from '../../../src-main/service/messages.js';
import type { ChatMeta } from '../../../src-main/service/records.js';
import { sealJson } from '../../../src-main/vault/box.js';
import type { MessageRow } from '../../../src-main/vault/rows.js';
import { defaultLegacySuffix } from '../../../src-shared/legacy-chats.js';
import type { LocalChatId } from '../../../src-shared/types.js';
import { freshVaults, outcome } from '../service/helpers.js';
import {
  chatDataKey,
  chatKeyedSeen,
  chatMeta,
  chatRows,
  messageRows,
  profileKey,
  profileKeyedSeen,
  readVault,
} from './vault-reader.js';

const vaults = freshVaults();
const LEGACY_SECRET = 'Tulip-77';
const SEALED_SECRET = 'river stone';

/** What a thief with DK does: rebuilds the pointer a (secret, text) guess gives for a stored row. */
function guessedPointer(meta: ChatMeta, author: string, row: MessageRow, secret: string, text: string) {
  const p = sealLegacy(secret, defaultLegacySuffix(meta.wire), {
    author,
    text,
    epoch: row.epoch,
    chat: meta.wire,
  });
  if (!p.ok) throw new Error(p.error.message);
  return pointerToText(p.value);
}

/** How many stored rows the thief's guesses hit, by the profile-keyed index. */
function thiefHits(path: string, master: string, guesses: [string, string][]): number {
  const dk = profileKey(path, master);
  const rows = messageRows(path);
  const seen = new Set(rows.map((r) => r.seen.toString('hex')));
  const legacy = chatRows(path).filter((c) => chatMeta(dk, c).format === 'legacy');
  let hits = 0;
  for (const chat of legacy) {
    const meta = chatMeta(dk, chat);
    for (const row of rows.filter((r) => r.chat_id === chat.id))
      for (const [secret, text] of guesses)
        if (seen.has(profileKeyedSeen(dk, guessedPointer(meta, 'alice', row, secret, text)).toString('hex')))
          hits++;
  }
  return hits;
}

const GUESSES: [string, string][] = ['Tulip-76', LEGACY_SECRET, 'Tulip-78'].flatMap((s) =>
  ['ok', 'yes', 'no'].map((t): [string, string] => [s, t]),
);

/** A vault with a legacy chat (one "ok", one trashed) and a remembered sealed chat. */
async function livedIn() {
  const { m, path, master } = await vaults.user('alice');
  const legacy = await m.createChat({
    name: 'Plans',
    secret: LEGACY_SECRET,
    format: 'legacy',
    legacyId: '4242',
  });
  const sealed = await m.createChat({ name: 'Notes', secret: SEALED_SECRET, format: 'sealed-v2' });
  const pointers = [
    m.send(legacy.id, 'ok').pointer,
    m.send(legacy.id, 'see you at the library').pointer,
    m.send(sealed.id, 'a sealed note').pointer,
    m.send(sealed.id, 'another sealed note').pointer,
  ];
  const gone = m.send(legacy.id, 'a trashed line');
  m.trashMessage(legacy.id, gone.message.id);
  pointers.push(gone.pointer);
  await m.rememberChat(sealed.id);
  await m.close();
  return { path, master, legacy: legacy.id, sealed: sealed.id, pointers };
}

/**
 * Rewrites a closed vault as the app wrote it before the index was keyed per
 * chat: seen = HMAC(DK, pointer), each body bound to that index (the first
 * one older still: bound to its chat alone), no flag in the chats' meta.
 */
async function makeOld(v: Awaited<ReturnType<typeof livedIn>>) {
  const dk = profileKey(v.path, v.master);
  const cdk = new Map<number, Uint8Array>();
  for (const c of chatRows(v.path))
    cdk.set(c.id, await chatDataKey(dk, c, c.id === v.legacy ? LEGACY_SECRET : SEALED_SECRET));
  const rows = messageRows(v.path);
  readVault(
    v.path,
    (db) => {
      db.transaction(() => {
        for (const [i, r] of rows.entries()) {
          const key = cdk.get(r.chat_id) as Uint8Array;
          const body = openBody({ id: r.chat_id as LocalChatId, cdk: key }, r);
          if (!body) throw new Error('A fresh body does not open.');
          const old = profileKeyedSeen(dk, body.pointer);
          const aad =
            i === 0 ? `message|${r.chat_id}` : bodyAad(r.chat_id, old, r.epoch, r.stored_at, r.trashed === 1);
          db.prepare('UPDATE messages SET seen = ?, body = ? WHERE id = ?').run(
            old,
            sealJson(key, body, aad),
            r.id,
          );
        }
        for (const c of chatRows(v.path)) {
          const { seenPerChat: _, ...meta } = chatMeta(dk, c);
          db.prepare('UPDATE chats SET meta = ? WHERE id = ?').run(
            sealJson(dk, meta, `chat-meta|${c.id}`),
            c.id,
          );
        }
      })();
    },
    false,
  );
  return { dk, cdk };
}

describe('the duplicate index, keyed per chat', () => {
  it('from the file and the master phrase, no legacy (secret, text) guess finds a stored message', async () => {
    const v = await livedIn();
    const dk = profileKey(v.path, v.master);
    const legacyRow = chatRows(v.path).find((c) => c.id === v.legacy);
    if (!legacyRow) throw new Error('no legacy chat');
    const okRow = messageRows(v.path)[0] as MessageRow;
    // The thief's true guess rebuilds the stored pointer exactly...
    expect(guessedPointer(chatMeta(dk, legacyRow), 'alice', okRow, LEGACY_SECRET, 'ok')).toBe(v.pointers[0]);
    // ...yet its profile-keyed index is in no row, nor is any other guess's.
    expect(thiefHits(v.path, v.master, GUESSES)).toBe(0);
    // Its owner, with the chat's secret, finds it under the chat's own key.
    const cdk = await chatDataKey(dk, legacyRow, LEGACY_SECRET);
    expect(okRow.seen.equals(chatKeyedSeen(cdk, v.pointers[0] as string))).toBe(true);
  });

  it('an older vault is re-indexed as each chat opens; every message still opens and is a duplicate', async () => {
    const v = await livedIn();
    const { dk, cdk } = await makeOld(v);
    // The weakness, as it was: the thief's true guess hits.
    expect(thiefHits(v.path, v.master, GUESSES)).toBe(1);

    const m = vaults.open(v.path);
    await m.login(v.master);
    // The remembered sealed chat opened with the login and was re-indexed then; the legacy one waits.
    const perChat = (r: MessageRow) => {
      const key = cdk.get(r.chat_id) as Uint8Array;
      const body = openBody({ id: r.chat_id as LocalChatId, cdk: key }, r);
      return body !== undefined && r.seen.equals(chatKeyedSeen(key, body.pointer));
    };
    const byChat = (id: number) => messageRows(v.path).filter((r) => r.chat_id === id);
    expect(byChat(v.sealed).every(perChat)).toBe(true);
    expect(byChat(v.legacy).some(perChat)).toBe(false);
    expect(thiefHits(v.path, v.master, GUESSES)).toBe(1);

    // A locked chat's stored pointer asks for the secret; given it, the chat opens and recognises it.
    outcome((await m.importPaste(v.pointers[0] as string))[0], 'needs-secret');
    const again = await m.importPaste(v.pointers.join('\n'), { secret: LEGACY_SECRET });
    expect(again.map((o) => o.kind)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);

    expect(byChat(v.legacy).every(perChat)).toBe(true);
    expect(thiefHits(v.path, v.master, GUESSES)).toBe(0);
    expect(m.history(v.legacy as LocalChatId).messages.map((x) => x.text)).toEqual([
      'ok',
      'see you at the library',
    ]);
    expect(m.history(v.legacy as LocalChatId, { trash: true }).messages.map((x) => x.text)).toEqual([
      'a trashed line',
    ]);
    expect(m.history(v.sealed as LocalChatId).messages.map((x) => x.text)).toEqual([
      'a sealed note',
      'another sealed note',
    ]);
    for (const c of chatRows(v.path)) expect(chatMeta(dk, c).seenPerChat).toBe(true);

    // Done once: the next unlock rewrites nothing.
    const bodies = messageRows(v.path).map((r) => r.body.toString('hex'));
    await m.logout();
    await m.login(v.master);
    await m.unlockChat(v.legacy as LocalChatId, LEGACY_SECRET);
    expect(messageRows(v.path).map((r) => r.body.toString('hex'))).toEqual(bodies);
    expect(m.listChats().map((c) => c.count)).toEqual([2, 2]);
  });

  it('a damaged row of an older vault is left as it was; the rest is re-indexed and nothing is lost', async () => {
    const v = await livedIn();
    const { cdk } = await makeOld(v);
    const rows = messageRows(v.path);
    const damaged = rows.find((r) => r.chat_id === v.legacy && r.trashed === 1) as MessageRow;
    const flipped = Buffer.from(damaged.body);
    flipped[40] = (flipped[40] as number) ^ 1;
    const db = new Database(v.path);
    db.prepare('UPDATE messages SET body = ? WHERE id = ?').run(flipped, damaged.id);
    db.close();

    const m = vaults.open(v.path);
    await m.login(v.master);
    await m.unlockChat(v.legacy as LocalChatId, LEGACY_SECRET);
    const after = messageRows(v.path);
    expect(after.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    const kept = after.find((r) => r.id === damaged.id) as MessageRow;
    expect(kept.seen.equals(damaged.seen)).toBe(true);
    expect(kept.body.equals(flipped)).toBe(true);
    const key = cdk.get(v.legacy) as Uint8Array;
    const good = after.filter((r) => r.chat_id === v.legacy && r.id !== damaged.id);
    for (const r of good) {
      const body = openBody({ id: r.chat_id as LocalChatId, cdk: key }, r);
      expect(body && r.seen.equals(chatKeyedSeen(key, body.pointer))).toBe(true);
    }
    expect(m.history(v.legacy as LocalChatId).messages.map((x) => x.text)).toEqual([
      'ok',
      'see you at the library',
    ]);
  });
  it('a re-index that fails mid-way changes nothing; the login goes on with that chat locked', async () => {
    const v = await livedIn();
    const { cdk } = await makeOld(v);
    // A row of the legacy chat already holds the index the sealed chat's last row is about to get:
    // the re-index fails on its last row, after rewriting the others in its transaction.
    const rows = messageRows(v.path);
    const key = cdk.get(v.sealed) as Uint8Array;
    const last = rows.filter((r) => r.chat_id === v.sealed).pop() as MessageRow;
    const lastBody = openBody({ id: v.sealed as LocalChatId, cdk: key }, last);
    if (!lastBody) throw new Error('no body');
    const victim = rows.find((r) => r.chat_id === v.legacy && r.trashed === 1) as MessageRow;
    readVault(
      v.path,
      (db) =>
        db
          .prepare('UPDATE messages SET seen = ? WHERE id = ?')
          .run(chatKeyedSeen(key, lastBody.pointer), victim.id),
      false,
    );
    const before = messageRows(v.path).map((r) => [r.id, r.seen.toString('hex'), r.body.toString('hex')]);

    const m = vaults.open(v.path);
    await m.login(v.master);
    expect(m.chat(v.sealed as LocalChatId).locked).toBe(true);
    await expect(m.unlockChat(v.sealed as LocalChatId, SEALED_SECRET)).rejects.toThrow();
    expect(m.chat(v.sealed as LocalChatId).locked).toBe(true);
    const after = messageRows(v.path).map((r) => [r.id, r.seen.toString('hex'), r.body.toString('hex')]);
    expect(after).toEqual(before);
    // The other chat is unaffected.
    await m.unlockChat(v.legacy as LocalChatId, LEGACY_SECRET);
    expect(m.history(v.legacy as LocalChatId).messages.map((x) => x.text)).toEqual([
      'ok',
      'see you at the library',
    ]);
  });
});

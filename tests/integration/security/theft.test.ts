/**
 * Theft of a lived-in vault: 20 chats of both formats, 2,000 messages, some in
 * the trash, a changed master phrase, renamed and remembered chats, and a
 * backup beside it. A thief with the file, its -wal and -shm and the backup
 * finds none of the names, texts, authors, secrets, phrases, suffixes or
 * pointers written (as UTF-8 or UTF-16), and no length that says more than
 * its bucket.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isBucket } from '../../../src-main/vault/buckets.js';
import type { LocalChatId } from '../../../src-shared/types.js';
import { freshVaults } from '../service/helpers.js';
import { findLeaks, messageTokens, stolen } from './stolen-files.js';

const vaults = freshVaults();

const tokens = messageTokens('QZX');
const { token } = tokens;

describe('a stolen lived-in vault', () => {
  it('holds no name, text, author, secret, phrase, suffix or pointer, and no telling length', async () => {
    const { m, path } = await vaults.user('Ottoline-Verity', 'First-Master-Phrase-Ø1');
    const dir = vaults.dir();
    const chats: { id: LocalChatId; name: string; secret: string; suffix?: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `Chatname-${i}-Heron`;
      const secret = `Chatsecret-${i}-Kestrel`;
      const legacy = i % 2 === 1;
      const suffix = legacy && i % 4 === 1 ? `Suffix-${i}-Plover` : undefined;
      const c = await m.createChat(
        legacy
          ? { name, secret, format: 'legacy', legacyId: `${100 + i}`, ...(suffix ? { suffix } : {}) }
          : { name, secret, format: 'sealed-v2' },
      );
      chats.push({ id: c.id, name, secret, ...(suffix ? { suffix } : {}) });
    }
    const pointers: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const c = chats[i % 20] as (typeof chats)[number];
      const sent = m.send(c.id, `Message ${token(i)} ${'lorem '.repeat(i % 30)}`);
      pointers.push(sent.pointer);
      if (i % 50 === 0) m.trashMessage(c.id, sent.message.id);
    }
    for (const c of chats.slice(0, 5)) await m.rememberChat(c.id);
    for (const c of chats.slice(5, 8)) m.renameChat(c.id, `${c.name}-Renamed-Ibis`);
    await m.changeMaster('First-Master-Phrase-Ø1', 'Second-Master-Phrase-Ø2');
    const backup = join(dir, 'backup.sqlite');
    await m.backup(backup);

    const needles = [
      'First-Master-Phrase-Ø1',
      'Second-Master-Phrase-Ø2',
      ...chats.flatMap((c) => [c.name, `${c.name}-Renamed-Ibis`, c.secret, ...(c.suffix ? [c.suffix] : [])]),
    ];
    // Pointers as stored text would show their keys; their data as raw bytes is checked on a sample.
    const pointerMarks = ['"d":"', '"d": "', '"n":"'];
    const raw = pointers
      .filter((_, i) => i % 40 === 0)
      .map((p) => JSON.parse(p) as { d: string; v?: number })
      .map((p) => (p.v === 2 ? Buffer.from(p.d, 'base64url') : Buffer.from(p.d, 'hex')).subarray(0, 24));

    const check = (files: ReturnType<typeof stolen>) =>
      findLeaks(files, { tokens, needles: [...needles, ...pointerMarks], raw });
    // Control: the scan does see what is plain (the schema; the nickname, which the design leaves readable).
    const open = stolen(path, backup);
    expect(open.some((f) => f.bytes.includes(Buffer.from('CREATE TABLE messages')))).toBe(true);
    expect(open.some((f) => f.bytes.includes(Buffer.from('Ottoline-Verity')))).toBe(true);
    expect(check(open)).toEqual([]);
    await m.close();
    expect(check(stolen(path, backup))).toEqual([]);

    const db = new Database(path, { readonly: true });
    try {
      const blobs = db
        .prepare(
          `SELECT meta AS b FROM chats UNION ALL SELECT wrapped_key FROM chats UNION ALL SELECT remembered FROM chats
           UNION ALL SELECT body FROM messages UNION ALL SELECT wrapped_key FROM profile UNION ALL SELECT settings FROM profile`,
        )
        .all()
        .map((r) => (r as { b: Buffer | null }).b)
        .filter((b): b is Buffer => b !== null);
      expect(blobs.length).toBeGreaterThan(2000);
      expect(blobs.filter((b) => !isBucket(b.length - 28)).map((b) => b.length)).toEqual([]);
      const one = (sql: string) =>
        new Set(
          db
            .prepare(sql)
            .all()
            .map((r) => (r as { n: number }).n),
        ).size;
      // Both formats, names renamed or not, own suffixes or not: one length for every chat record.
      expect(one('SELECT length(meta) AS n FROM chats')).toBe(1);
      expect(one('SELECT length(wrapped_key) AS n FROM chats')).toBe(1);
      expect(one('SELECT length(remembered) AS n FROM chats WHERE remembered IS NOT NULL')).toBe(1);
    } finally {
      db.close();
    }
  }, 120_000);
});

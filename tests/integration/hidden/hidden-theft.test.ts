/**
 * The theft scan over hidden chats: a thief with the vault file, its -wal and
 * -shm and a backup finds none of a hidden chat's names, secrets, suffixes,
 * texts or pointers (UTF-8 or UTF-16), while the chats are open and after
 * logout, and every cell is one tag and one box length.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CELL_BOX, CELL_TAG } from '../../../src-main/vault/cell-store.js';
import type { LocalChatId } from '../../../src-shared/types.js';
import { findLeaks, messageTokens, stolen } from '../security/stolen-files.js';
import { freshVaults } from '../service/helpers.js';

const vaults = freshVaults();

const tokens = messageTokens('HQZ');
const { token } = tokens;

describe('a stolen vault with hidden chats', () => {
  it('holds no hidden name, secret, suffix, text or pointer, open or after logout', async () => {
    const { m, path } = await vaults.user('Wilhelmina-Orr', 'Hidden-Master-Phrase-Ø3');
    const chats: { id: LocalChatId; name: string; secret: string; suffix?: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const name = `Hiddenname-${i}-Avocet`;
      const secret = `Hiddensecret-${i}-Merlin`;
      const legacy = i % 2 === 1;
      const suffix = legacy ? `Hsuffix-${i}-Dunlin` : undefined;
      const c = await m.createChat(
        legacy
          ? { name, secret, format: 'legacy', legacyId: `${700 + i}`, suffix: suffix as string, hidden: true }
          : { name, secret, format: 'sealed-v2', hidden: true },
      );
      chats.push({ id: c.id, name, secret, ...(suffix ? { suffix } : {}) });
    }
    // One chat hidden after it lived visibly.
    const moved = await m.createChat({
      name: 'Hiddenname-moved-Avocet',
      secret: 'Hiddensecret-moved-Merlin',
      format: 'sealed-v2',
    });
    const pointers: string[] = [];
    for (let i = 0; i < 20; i++) pointers.push(m.send(moved.id, `Message ${token(900 + i)}`).pointer);
    const hiddenMoved = await m.hideChat(moved.id, 'Hiddensecret-moved-Merlin');
    chats.push({ id: hiddenMoved.id, name: 'Hiddenname-moved-Avocet', secret: 'Hiddensecret-moved-Merlin' });
    for (let i = 0; i < 200; i++) {
      const c = chats[i % 4] as (typeof chats)[number];
      const sent = m.send(c.id, `Message ${token(i)} ${'lorem '.repeat(i % 40)}`);
      pointers.push(sent.pointer);
      if (i % 25 === 0) m.trashMessage(c.id, sent.message.id);
    }
    m.renameChat(chats[0]?.id as LocalChatId, 'Hiddenname-0-Avocet-Renamed-Ibis');
    const backup = join(vaults.dir(), 'backup.sqlite');
    await m.backup(backup);

    const needles = [
      'Hidden-Master-Phrase-Ø3',
      'Hiddenname-0-Avocet-Renamed-Ibis',
      ...chats.flatMap((c) => [c.name, c.secret, ...(c.suffix ? [c.suffix] : [])]),
    ];
    const raw = pointers
      .filter((_, i) => i % 10 === 0)
      .map((p) => JSON.parse(p) as { d: string; v?: number })
      .map((p) => (p.v === 2 ? Buffer.from(p.d, 'base64url') : Buffer.from(p.d, 'hex')).subarray(0, 24));
    const check = (files: ReturnType<typeof stolen>) =>
      findLeaks(files, { tokens, needles: [...needles, '"d":"', '"n":"'], raw });
    // Control: the scan sees what is plain.
    const open = stolen(path, backup);
    expect(open.some((f) => f.bytes.includes(Buffer.from('Wilhelmina-Orr')))).toBe(true);
    expect(check(open)).toEqual([]);
    m.logout();
    expect(check(stolen(path, backup))).toEqual([]);
    await m.close();
    expect(check(stolen(path, backup))).toEqual([]);

    const db = new Database(path, { readonly: true });
    try {
      const lengths = (col: string) =>
        (db.prepare(`SELECT DISTINCT length(${col}) AS n FROM cells`).all() as { n: number }[]).map(
          (r) => r.n,
        );
      expect(lengths('tag')).toEqual([CELL_TAG]);
      expect(lengths('box')).toEqual([CELL_BOX]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM chats').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 120_000);
});

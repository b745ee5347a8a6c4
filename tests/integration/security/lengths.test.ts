/**
 * What a blob's length tells a thief: only its bucket (64-byte steps up to
 * 1 KiB, then powers of two). Chats of both formats, names short and long,
 * remembered secrets short and long, messages short and long: every sealed
 * column of the vault file holds a bucket's length, and values that differ
 * only in length within a bucket cannot be told apart.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isBucket } from '../../../src-main/vault/buckets.js';
import { freshVaults } from '../service/helpers.js';

const vaults = freshVaults();
const OVERHEAD = 28;

describe('blob lengths', () => {
  it('every sealed value in the file is a bucket long; names, secrets and formats do not show', async () => {
    const { m, path } = await vaults.user('alice');
    const short = await m.createChat({ name: 'A', secret: 'pw', format: 'sealed-v2' });
    const long = await m.createChat({
      name: 'A much longer name for a chat',
      secret: 'x'.repeat(40),
      format: 'sealed-v2',
    });
    const legacy = await m.createChat({ name: 'Legacy', secret: 's3', format: 'legacy', legacyId: '1' });
    const legacyLong = await m.createChat({
      name: 'L',
      secret: 'a legacy secret of some length',
      format: 'legacy',
      legacyId: '42',
      suffix: 'own-suffix',
    });
    for (const c of [short, long, legacy, legacyLong]) await m.rememberChat(c.id);
    m.send(short.id, 'ok');
    m.send(long.id, 'a message some forty characters long....');
    m.send(legacy.id, 'ok');
    m.send(legacyLong.id, 'x'.repeat(3000));
    m.setSettings({ autoLockMinutes: 17 });
    await m.close();

    const db = new Database(path, { readonly: true });
    try {
      const blobs = [
        ...db.prepare('SELECT wrapped_key AS b FROM profile UNION ALL SELECT settings FROM profile').all(),
        ...db.prepare('SELECT meta AS b FROM chats UNION ALL SELECT wrapped_key FROM chats').all(),
        ...db.prepare('SELECT remembered AS b FROM chats UNION ALL SELECT body FROM messages').all(),
      ].map((r) => (r as { b: Buffer | null }).b);
      expect(blobs.length).toBeGreaterThan(15);
      for (const b of blobs)
        if (b) expect(isBucket(b.length - OVERHEAD), `a ${b.length}-byte blob`).toBe(true);

      const lengths = (sql: string) =>
        new Set(
          db
            .prepare(sql)
            .all()
            .map((r) => (r as { n: number }).n),
        );
      // A name of 1 or 29 characters, either format, the original's chat id or one's own: one length.
      expect(lengths('SELECT length(meta) AS n FROM chats').size).toBe(1);
      expect(lengths('SELECT length(wrapped_key) AS n FROM chats').size).toBe(1);
      // Remembered secrets of 2 to 40 characters, sealed or legacy: one length.
      expect(lengths('SELECT length(remembered) AS n FROM chats').size).toBe(1);
      // "ok" and forty characters, sealed and legacy: one length; 3,000 characters (text and hex pointer): 16 KiB.
      expect([...lengths('SELECT length(body) AS n FROM messages')].sort((a, b) => a - b)).toEqual([
        512 + OVERHEAD,
        16_384 + OVERHEAD,
      ]);
    } finally {
      db.close();
    }
  });
});

/**
 * Issue 13: no secret-dependent index lets a guess be tested faster than the
 * chat's own scrypt. A hidden chat's L costs 2^17 (the tests' lower base here),
 * but a chat whose own cost is above it is located at the highest cost instead:
 * read from the file with the master phrase, its record is not where the base
 * cost would find it.
 */
import { describe, expect, it } from 'vitest';
import { cellTag, deriveHiddenKeys, recordTag } from '../../../src-main/service/hidden/hidden-keys.js';
import { KdfPool } from '../../../src-main/service/kdf/kdf-pool.js';
import { LIMITS } from '../../../src-shared/limits.js';
import { profileKey, readVault } from '../security/vault-reader.js';
import { FAST, freshVaults } from '../service/helpers.js';

const vaults = freshVaults();
const BASE = FAST.chatLog2N as number;

describe('what locates a hidden chat costs at least what its own key costs', () => {
  it('a chat above the base cost is found only at the highest cost; one at the base cost at the base', async () => {
    const { m, path, master } = await vaults.user('Ada');
    const dear = await m.createChat({
      name: 'Dear',
      secret: 'dear secret',
      format: 'sealed-v2',
      k: BASE + 2,
      hidden: true,
    });
    const cheap = await m.createChat({
      name: 'Cheap',
      secret: 'cheap secret',
      format: 'sealed-v2',
      k: BASE,
      hidden: true,
    });
    m.send(dear.id, 'one');
    m.lockChat(dear.id);
    m.lockChat(cheap.id);
    expect(m.listChats()).toEqual([]);
    // Opened by the secret alone: the base level misses, the highest finds it.
    expect((await m.openHidden('dear secret')).name).toBe('Dear');
    expect((await m.openHidden('cheap secret')).name).toBe('Cheap');

    const dk = profileKey(path, master);
    const kdf = new KdfPool();
    try {
      const located = async (secret: string, log2N: number) => {
        const keys = await deriveHiddenKeys(kdf, dk, secret, log2N);
        const tags = [recordTag(keys), cellTag(keys, 0)].map((t) => Buffer.from(t));
        return readVault(path, (db) =>
          tags.map(
            (t) => db.prepare('SELECT COUNT(*) AS n FROM cells WHERE tag = ?').get(t) as { n: number },
          ),
        ).map((r) => r.n);
      };
      expect(await located('dear secret', BASE)).toEqual([0, 0]);
      expect(await located('dear secret', LIMITS.kMax)).toEqual([1, 1]);
      expect(await located('cheap secret', BASE)).toEqual([1, 0]);
    } finally {
      await kdf.close();
    }
  }, 60_000);
});

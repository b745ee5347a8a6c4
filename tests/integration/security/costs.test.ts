import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Messenger } from '../../../src-main/service/messenger.js';
import { runCli } from '../run-cli.js';
import { tempDirs } from '../temp-dirs.js';

// Finding 4: production code never lowers a scrypt cost. Lower costs reach the
// service only as an option a test passes in; a vault stored below 2^15 is
// refused, and a profile below 2^17 is re-wrapped at 2^17 on login.

const tmp = tempDirs('clm-costs-');
const storedLog2N = (vault: string): number => {
  const db = new Database(vault, { readonly: true });
  const row = db.prepare('SELECT kdf_log2n FROM profile').get() as { kdf_log2n: number };
  db.close();
  return row.kdf_log2n;
};

async function vaultAt(profileLog2N: number, chatLog2N = 12): Promise<string> {
  const vault = join(tmp(), 'vault.sqlite');
  const m = Messenger.open(vault, { profileLog2N, chatLog2N });
  await m.createProfile('ann', 'ann phrase');
  await m.createChat({ name: 'Old', format: 'legacy', secret: 'legacy secret' });
  await m.close();
  return vault;
}

describe('scrypt costs', () => {
  it('the shipped clm ignores the old CLM_TEST_* variables: a profile is made at 2^17', () => {
    const vault = join(tmp(), 'v.sqlite');
    const r = runCli(['--vault', vault, 'init', '--name', 'ann'], {
      shipped: true,
      env: { CLM_PASSPHRASE: 'p', CLM_TEST_PROFILE_LOG2N: '2', CLM_TEST_CHAT_LOG2N: '2' },
    });
    expect(r.stderr).toBe('');
    expect(storedLog2N(vault)).toBe(17);
  });

  it('a profile stored below 2^15 is refused at login with a sentence, and left as it was', async () => {
    const vault = await vaultAt(12);
    const m = Messenger.open(vault);
    await expect(m.login('ann phrase')).rejects.toThrow(
      /^This vault's master phrase is protected by a cost of 2\^12, below the 2\^15 this app accepts/,
    );
    expect(m.status().loggedIn).toBe(false);
    await m.close();
    expect(storedLog2N(vault)).toBe(12);
  });

  it('a profile stored at 2^15 opens, and is re-wrapped at 2^17 by the login', async () => {
    const vault = await vaultAt(15);
    const m = Messenger.open(vault);
    await m.login('ann phrase');
    await m.close();
    expect(storedLog2N(vault)).toBe(17);
    const again = Messenger.open(vault);
    await again.login('ann phrase');
    expect(again.status().loggedIn).toBe(true);
    await again.close();
  }, 30_000);

  it('a chat whose proof was stored below 2^15 is refused on unlock, with a sentence', async () => {
    const vault = await vaultAt(15, 12);
    // Logged in at the product's costs (the profile passes at 2^15), the chat made at 2^12 does not.
    const m = Messenger.open(vault);
    await m.login('ann phrase');
    const [chat] = m.listChats();
    await expect(m.unlockChat(chat?.id ?? (0 as never), 'legacy secret')).rejects.toThrow(
      /^Chat "Old" is protected by a cost of 2\^12, below the 2\^15 this app accepts/,
    );
    await m.close();
  }, 30_000);
});

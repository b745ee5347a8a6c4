/**
 * Bounded work (issue 11, finding 9): a search gives at most
 * LIMITS.searchResultsMax messages, the first ones in the chat's order, as a
 * history page is capped; the CLI says when it shows only those.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src-shared/limits.js';
import { runCli } from '../run-cli.js';
import { freshVaults } from '../service/helpers.js';

const vaults = freshVaults();
const MAX = LIMITS.searchResultsMax;

describe('a search with more hits than the cap', () => {
  it('gives the first ones only, in order; fewer hits come back whole', async () => {
    const { m, path, master } = await vaults.user('Searcher');
    const chat = await m.createChat({ name: 'Many', secret: 'many-secret', format: 'sealed-v2' });
    m.batch(() => {
      for (let i = 0; i < MAX + 40; i++) m.send(chat.id, `needle ${i}${i % 10 === 0 ? ' rare' : ''}`);
    });
    const all = m.search(chat.id, 'needle');
    expect(all).toHaveLength(MAX);
    expect(all.map((x) => x.text)).toEqual(
      Array.from({ length: MAX }, (_, i) => expect.stringMatching(`^needle ${i}( rare)?$`)),
    );
    // Under the cap nothing is left out.
    expect(m.search(chat.id, 'rare')).toHaveLength((MAX + 40) / 10);
    await m.close();

    const cli = runCli(['--vault', path, 'search', 'Many', 'needle'], {
      env: { CLM_PASSPHRASE: master, CLM_CHAT_SECRET: 'many-secret' },
    });
    expect(cli.stderr).toBe('');
    expect(cli.stdout.trim().split('\n').at(-1)).toBe(
      `Showing the first ${MAX}: add a word to narrow the search.`,
    );
  }, 120_000);
});

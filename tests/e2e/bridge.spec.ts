import { expect, test } from './harness.js';

test.describe('the bridge in Chromium, bound to the real router', () => {
  test('window.clm has exactly the contract names and nothing else', async ({ app }) => {
    const names = await app.page.evaluate(() => Object.keys(window.clm).sort());
    const { CALL_NAMES } = await import('../../src-shared/contract.js');
    expect(names).toEqual([...CALL_NAMES, 'onEvent'].sort());
    expect(await app.page.evaluate(() => Object.isFrozen(window.clm))).toBe(true);
  });

  test('creates a profile, logs in and lists chats through the harness', async ({ app }) => {
    const page = app.page;
    expect(await page.evaluate(() => window.clm.status())).toEqual({
      ok: true,
      value: { exists: false, loggedIn: false },
    });
    expect(await page.evaluate(() => window.clm.createProfile({ nickname: 'alice', master: 'pw' }))).toEqual({
      ok: true,
      value: null,
    });
    await page.evaluate(() => window.clm.logout());
    const wrong = await page.evaluate(() => window.clm.login({ master: 'nope' }));
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'wrong-passphrase', message: 'That master phrase is not the right one.' },
    });
    expect(await page.evaluate(() => window.clm.login({ master: 'pw' }))).toEqual({ ok: true, value: null });
    const made = await page.evaluate(() =>
      window.clm.createChat({ name: 'Team', secret: 's', format: 'sealed-v2' }),
    );
    expect(made.ok).toBe(true);
    const list = await page.evaluate(() => window.clm.listChats());
    expect(list.ok && list.value.map((c) => [c.name, c.format, c.locked])).toEqual([
      ['Team', 'sealed-v2', false],
    ]);
  });

  test('a malformed call is refused with a sentence, never an exception', async ({ app }) => {
    const r = await app.page.evaluate(() =>
      (window.clm.login as (a: unknown) => Promise<unknown>)({ master: 42, extra: true }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    expect((r as { error: { message: string } }).error.message).toMatch(/^The call login .*\.$/);
  });
});

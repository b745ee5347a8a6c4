/**
 * The router and the lifecycle of the vault: deleteProfile closes the messenger
 * and removes the vault file, and the router must still answer afterwards, so
 * the app can show "create a profile" without a restart.
 */
import { describe, expect, it } from 'vitest';
import { MASTER, ok, world } from './fixtures.js';

describe('deleting the profile through the router', () => {
  it('leaves an app that can create a new profile (status answers, createProfile works)', async () => {
    const w = await world();
    expect(await ok(w.route, 'deleteProfile', { confirm: 'DELETE' })).toBeNull();
    // After the vault file is removed, the app shows "create a profile": status must still answer.
    expect(await w.route('clm:status')).toEqual({ ok: true, value: { exists: false, loggedIn: false } });
    expect(await w.route('clm:createProfile', { nickname: 'alice2', master: MASTER })).toEqual({
      ok: true,
      value: null,
    });
  });
});

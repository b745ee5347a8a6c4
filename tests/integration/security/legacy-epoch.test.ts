/**
 * Issue 11, finding 2: a legacy keystream is fixed by the secret, the suffix
 * and the epoch, so two messages sent in one second of one chat would share
 * it, and either text would give away the other. Each legacy send takes an
 * epoch the chat has not used, sent or received.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshVaults, importOne, outcome } from '../service/helpers.js';

const vaults = freshVaults();
afterEach(() => vi.restoreAllMocks());

const epochOf = (pointer: string) => (JSON.parse(pointer) as { e: number }).e;

describe('legacy sends never reuse an epoch', () => {
  it('three messages in one second get three epochs, the first one now', async () => {
    const { m } = await vaults.user('alice');
    const chat = await m.createChat({ name: 'Old friends', secret: 'tea', format: 'legacy', legacyId: '1' });
    const second = 1_795_000_000;
    vi.spyOn(Date, 'now').mockReturnValue(second * 1000 + 300);
    const epochs = ['one', 'two', 'three'].map((t) => epochOf(m.send(chat.id, t).pointer));
    expect(epochs).toEqual([second, second + 1, second + 2]);
  });

  it('nor an epoch of a message received (or trashed) in that chat', async () => {
    const a = await vaults.user('alice');
    const b = await vaults.user('bob');
    const chatA = await a.m.createChat({ name: 'x', secret: 'tea', format: 'legacy', legacyId: '5' });
    const chatB = await b.m.createChat({ name: 'x', secret: 'tea', format: 'legacy', legacyId: '5' });
    const second = 1_795_000_000;
    vi.spyOn(Date, 'now').mockReturnValue(second * 1000);
    const fromBob = b.m.send(chatB.id, 'hello');
    const stored = outcome(await importOne(a.m, fromBob.pointer), 'stored');
    a.m.trashMessage(chatA.id, stored.messageId);
    expect(epochOf(a.m.send(chatA.id, 'hi back').pointer)).toBe(second + 1);
  });

  it('sealed v2 sends keep the clock (their nonce keeps keystreams apart)', async () => {
    const { m } = await vaults.user('alice');
    const chat = await m.createChat({ name: 'New friends', secret: 'tea', format: 'sealed-v2' });
    vi.spyOn(Date, 'now').mockReturnValue(1_795_000_000_000);
    expect([epochOf(m.send(chat.id, 'a').pointer), epochOf(m.send(chat.id, 'b').pointer)]).toEqual([
      1_795_000_000, 1_795_000_000,
    ]);
  });
});

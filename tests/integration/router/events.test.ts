/** Events reach the router's emit, each valid by the contract's event schema. */
import { describe, expect, it } from 'vitest';
import { IMPORT_BATCH } from '../../../src-main/service/import-router.js';
import { eventSchema } from '../../../src-shared/contract.js';
import type { ImportOutcome } from '../../../src-shared/types.js';
import { OPEN_SECRET, ok, world } from './fixtures.js';

describe('events reach emit, valid by the contract', () => {
  it('chat-locked after lockChat, all-locked after lockAll and logout', async () => {
    const w = await world();
    await ok(w.route, 'lockChat', { chatId: w.openChat });
    await ok(w.route, 'unlockChat', { chatId: w.openChat, secret: OPEN_SECRET });
    await ok(w.route, 'lockAll');
    await ok(w.route, 'logout');
    expect(w.events).toEqual([
      { type: 'chat-locked', chatId: w.openChat, reason: 'request' },
      { type: 'chat-locked', chatId: w.openChat, reason: 'request' },
      { type: 'all-locked', reason: 'request' },
      { type: 'all-locked', reason: 'logout' },
    ]);
    for (const e of w.events) expect(eventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
  });

  it('an idle lock arrives as chat-locked with reason idle', async () => {
    const w = await world();
    await ok(w.route, 'setSettings', { autoLockMinutes: 1 });
    w.m.lockIdleChats(Date.now() + 2 * 60_000);
    expect(w.events).toEqual([{ type: 'chat-locked', chatId: w.openChat, reason: 'idle' }]);
  });

  it('importPaste reports progress after each batch, ending with done === total', async () => {
    const w = await world();
    const { pointer } = w.m.send(w.openChat, 'progress');
    const n = IMPORT_BATCH + 60;
    const out = await ok<ImportOutcome[]>(w.route, 'importPaste', {
      text: Array.from({ length: n }, () => pointer).join('\n'),
    });
    expect(out).toHaveLength(n);
    expect(out.every((o) => o.kind === 'duplicate')).toBe(true);
    const progress = w.events.filter((e) => e.type === 'import-progress');
    for (const e of progress) expect(eventSchema.safeParse(e).success).toBe(true);
    expect(progress.map((e) => e.done)).toEqual([IMPORT_BATCH, n]);
    expect(progress.at(-1)).toEqual({ type: 'import-progress', done: n, total: n });
  });
});

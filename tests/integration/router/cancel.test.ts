/** cancelImport, and a second import, stop an import in progress; what was stored before stays. */
import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../../src-shared/types.js';
import { ok, type World, world } from './fixtures.js';

describe('cancelImport', () => {
  /** Starts an import of `n` copies of a pointer and returns once it has reported its first progress. */
  async function bigImport(w: World, n: number) {
    const { pointer } = w.m.send(w.openChat, 'many');
    const started = w.nextEvent('import-progress');
    const result = w.route('clm:importPaste', { text: Array.from({ length: n }, () => pointer).join('\n') });
    await started;
    // Wrapped: an async function returning the promise itself would wait for the whole import.
    return { result };
  }

  function expectCancelledTail(out: ImportOutcome[], n: number) {
    expect(out).toHaveLength(n);
    const firstCancelled = out.findIndex((o) => o.kind === 'refused');
    expect(firstCancelled).toBeGreaterThan(0);
    expect(firstCancelled).toBeLessThan(n);
    expect(out.slice(0, firstCancelled).every((o) => o.kind === 'duplicate')).toBe(true);
    for (const o of out.slice(firstCancelled)) {
      expect(o).toMatchObject({
        kind: 'refused',
        code: 'cancelled',
        message: 'Not imported: the import was cancelled.',
      });
    }
  }

  it('aborts an import in progress: every pointer after the cancel is refused as cancelled', async () => {
    const w = await world();
    const n = 5000;
    const running = await bigImport(w, n);
    expect(await ok(w.route, 'cancelImport')).toBeNull();
    const r = await running.result;
    expect(r.ok).toBe(true);
    expectCancelledTail((r as { value: ImportOutcome[] }).value, n);
    // The messages stored before the cancel are still there; nothing else was added.
    expect(w.m.history(w.openChat).total).toBe(2);
  });

  it('a second import cancels the first one still running', async () => {
    const w = await world();
    const n = 5000;
    const running = await bigImport(w, n);
    const second = await ok<ImportOutcome[]>(w.route, 'importPaste', { text: 'not a pointer at all' });
    expect(second).toMatchObject([{ kind: 'refused' }]);
    const r = await running.result;
    expectCancelledTail((r as { value: ImportOutcome[] }).value, n);
  });

  it('with nothing running, cancelImport does nothing and the next import runs in full', async () => {
    const w = await world();
    expect(await ok(w.route, 'cancelImport')).toBeNull();
    const { pointer } = w.m.send(w.openChat, 'one');
    expect(await ok(w.route, 'importPaste', { text: pointer })).toMatchObject([{ kind: 'duplicate' }]);
  });
});

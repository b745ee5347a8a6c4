/**
 * Bad input everywhere (issue 11): generated pastes (random bytes, huge
 * numbers, deep nesting, 10 MB texts, mangled real pointers) through the
 * service's import and the router, and random calls at the router. Nothing
 * crashes, every refusal is one sentence, and a refusal changes nothing.
 * `npm test` runs a short seeded run; `node scripts/fuzz.mjs` the full one
 * (100,000 pastes), where a call over a second also fails.
 */
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName } from '../../../src-shared/contract.js';
import { DEFAULT_SETTINGS, type ImportOutcome } from '../../../src-shared/types.js';
import { SPECS } from '../router/contract-table.js';
import {
  MASTER,
  OPEN_SECRET,
  openMessenger,
  snapshot,
  type World,
  WRONG_SECRET,
  world,
} from '../router/fixtures.js';
import { FULL, paste, randomValue, rng, SEED } from './generate.js';

const PASTES = FULL ? 100_000 : 2_000;
const CALLS = FULL ? 100_000 : 3_000;
/** Over this a call counts as hung; only the full run asserts it (a shared test machine is no clock). */
const HANG_MS = Number(process.env.CLM_FUZZ_HANG_MS ?? (FULL ? 1000 : 0));
const SENTENCE = /^[A-Z][^\n]*[.?]$/;
const at = (what: string, i: number) => `${what} #${i} (CLM_FUZZ_SEED=${SEED} reproduces this run)`;

/** Real pointers: sent in the vault's own chat, and from a chat it does not know. */
async function realPointers(w: World): Promise<string[]> {
  const own = Array.from({ length: 5 }, (_, i) => w.m.send(w.openChat, `own message ${i}`).pointer);
  const other = openMessenger();
  await other.createProfile('mallory', 'other master');
  const chat = await other.createChat({ name: 'Elsewhere', secret: 'foreign secret', format: 'sealed-v2' });
  const legacy = await other.createChat({
    name: 'Old',
    secret: 'foreign secret',
    format: 'legacy',
    legacyId: '5',
  });
  const foreign = [chat.id, legacy.id].flatMap((id) =>
    Array.from({ length: 5 }, (_, i) => other.send(id, `foreign ${i} ${'x'.repeat(i * 500)}`).pointer),
  );
  return [...own, ...foreign];
}

/**
 * The slowest call, and the hang check of the full run: a call over HANG_MS is
 * run again (`again`, the same input) and fails only if it is slow twice, so a
 * busy machine's pause is not taken for a hang.
 */
function slowest() {
  let worst = { ms: 0, label: '' };
  let retried = 0;
  const hangs: string[] = [];
  return {
    async note(ms: number, label: string, again: () => Promise<unknown>) {
      if (ms > worst.ms) worst = { ms, label };
      if (HANG_MS <= 0 || ms < HANG_MS) return;
      retried++;
      const t0 = performance.now();
      await again();
      const second = performance.now() - t0;
      if (second >= HANG_MS) hangs.push(`${label} took ${Math.round(ms)} ms, then ${Math.round(second)} ms`);
    },
    /** Every case slow twice, listed at the end so one slow case does not hide the rest of the run. */
    hangs: () => hangs,
    report: () =>
      `slowest ${Math.round(worst.ms)} ms at ${worst.label}; ${retried} over ${HANG_MS} ms timed again`,
  };
}

const refusalShape = (r: unknown, label: string) => {
  expect(r, label).toEqual({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
  expect((r as { error: { message: string } }).error.message, label).toMatch(SENTENCE);
};

describe('bad input', () => {
  it(`${PASTES} generated pastes: every outcome a sentence, nothing changed unless stored`, async () => {
    const w = await world();
    const pointers = await realPointers(w);
    const r = rng(SEED);
    const timing = slowest();
    for (let i = 0; i < PASTES; i++) {
      const label = at('paste', i);
      const text = paste(r, i, { pointers, bigEvery: FULL ? 2_000 : 1_000 });
      const secret = r.pick([undefined, WRONG_SECRET, OPEN_SECRET]);
      const before = snapshot(w.m);
      const t0 = performance.now();
      let outcomes: ImportOutcome[] = [];
      if (i % 2 === 0) {
        try {
          outcomes = await w.m.importPaste(text, secret === undefined ? {} : { secret });
        } catch (e) {
          expect((e as Error).name, label).toBe('ServiceError');
          expect((e as Error).message, label).toMatch(SENTENCE);
        }
      } else {
        const res = await w.route('clm:importPaste', secret === undefined ? { text } : { text, secret });
        if (res.ok) outcomes = res.value as ImportOutcome[];
        else refusalShape(res, label);
      }
      await timing.note(performance.now() - t0, label, () =>
        w.m.importPaste(text, secret === undefined ? {} : { secret }),
      );
      for (const o of outcomes) expect(o.message, label).toMatch(SENTENCE);
      if (!outcomes.some((o) => o.kind === 'stored')) expect(snapshot(w.m), label).toEqual(before);
    }
    console.info(`pastes: ${PASTES}, seed ${SEED}, ${timing.report()}`);
    expect(timing.hangs()).toEqual([]);
  }, 3_600_000);

  it(`${CALLS} random calls at the router: an answer every time, refusals change nothing`, async () => {
    const w = await world();
    const r = rng(SEED ^ 0x5eed);
    const timing = slowest();
    // Calls that, when valid, would leave the run unable to go on (a new phrase, no vault).
    const neverValid = new Set<CallName>(['changeMaster', 'deleteProfile', 'restoreVault']);
    const names = [...CALL_NAMES, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'status ', ''];
    for (let i = 0; i < CALLS; i++) {
      const label = at('call', i);
      const name = r.pick(names);
      const spec = SPECS[name as CallName];
      let args: unknown;
      if (spec && r.int(2) === 0) {
        // Valid arguments with one field broken, or one field added or removed.
        const a: Record<string, unknown> = { ...spec.valid };
        const keys = Object.keys(a);
        const k = r.int(3) === 0 || keys.length === 0 ? `extra${r.int(3)}` : r.pick(keys);
        if (r.int(4) === 0) delete a[k];
        else a[k] = randomValue(r);
        if ('chatId' in a && r.int(2) === 0) a.chatId = r.pick([w.openChat, w.lockedChat, 0, -1, 99]);
        args = a;
      } else {
        args = randomValue(r);
      }
      if (neverValid.has(name as CallName) && spec) args = { ...(args as object), extraKey: 1 };
      const before = snapshot(w.m);
      const t0 = performance.now();
      const res = await w.route(`clm:${name}`, args);
      // Timed again only when refused: a call that went through may not be repeatable.
      await timing.note(performance.now() - t0, label, () =>
        res.ok ? Promise.resolve() : w.route(`clm:${name}`, args),
      );
      expect(typeof res.ok, label).toBe('boolean');
      if (!res.ok) {
        refusalShape(res, label);
        expect(snapshot(w.m), label).toEqual(before);
        continue;
      }
      // A call that went through may have logged out, locked, or changed settings: set the scene again.
      if (!w.m.status().loggedIn) await w.m.login(MASTER);
      w.m.setSettings(DEFAULT_SETTINGS);
      if (w.m.listChats().find((c) => c.id === w.openChat)?.locked)
        await w.m.unlockChat(w.openChat, OPEN_SECRET);
    }
    console.info(`calls: ${CALLS}, seed ${SEED}, ${timing.report()}`);
    expect(timing.hangs()).toEqual([]);
  }, 3_600_000);
});

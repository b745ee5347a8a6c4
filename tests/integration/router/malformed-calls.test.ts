/**
 * Calls the schema refuses: every field of every call given each wrong kind of
 * value, extra keys, unknown channels. Each is refused as bad-arguments (or
 * unknown-call) with one sentence that names no value, and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../../../src-shared/contract.js';
import { long, malformed, NO_ARGS, SPECS, type Spec, WITH_ARGS } from './contract-table.js';
import { expectMasterUnchanged, expectRefused, MASTER, revealing, snapshot, world } from './fixtures.js';

describe('malformed calls are refused with a sentence and change nothing', () => {
  it.each(WITH_ARGS)('%s', async (name) => {
    const w = await world();
    const spec = SPECS[name] as Spec;
    const cases = malformed(spec);
    expect(cases.length).toBeGreaterThan(8);
    for (const c of cases) {
      // Schema checks only: each case's value is also checked against the schema directly.
      expect(contract[name].args.safeParse(c.args).success, `${name}: ${c.label} passes the schema`).toBe(
        false,
      );
      await expectRefused(
        w,
        `clm:${name}`,
        c.args,
        'bad-arguments',
        `${name}: ${c.label}`,
        c.sent.flatMap(revealing),
      );
    }
    await expectMasterUnchanged(w.m);
  });

  it.each(NO_ARGS)('%s takes no arguments: anything else is refused', async (name) => {
    const w = await world();
    const bad: [string, unknown][] = [
      ['an unknown key', { evilKey: 'extra-SENTINEL' }],
      ['a chatId it does not take', { chatId: 1 }],
      ['a string', 'string-SENTINEL-args'],
      ['a number', 31337],
      ['an array', []],
      ['a boolean', true],
    ];
    for (const [label, args] of bad) {
      await expectRefused(w, `clm:${name}`, args, 'bad-arguments', `${name}: ${label}`, revealing(args));
    }
  });

  it('a Map, Set or Date (which IPC structured clone keeps) reads as an empty object: none of its entries reach the service', async () => {
    // zod's z.object accepts any non-array object and reads only own keys; a Map has none.
    // Not a hole (the handler gets a fresh {}), but it is accepted rather than refused.
    const w = await world();
    const before = snapshot(w.m);
    for (const odd of [new Map([['autoLockMinutes', 0]]), new Set([1]), new Date(0)]) {
      expect(await w.route('clm:listChats', odd)).toMatchObject({ ok: true });
      expect(await w.route('clm:setSettings', odd)).toEqual({
        ok: true,
        value: {
          autoLockMinutes: 5,
          lockOnSuspend: true,
          offerClipboardImport: true,
          logoutAfterMinutes: 30,
          clipboardClearSeconds: 60,
        },
      });
      expect((await w.route('clm:send', odd)).ok).toBe(false);
    }
    expect(snapshot(w.m)).toEqual(before);
  });

  it('the message names the call and the kind of problem, never the value', async () => {
    const w = await world();
    const extra = await expectRefused(w, 'clm:login', { master: MASTER, x: 1 }, 'bad-arguments', 'extra');
    expect(extra.message).toBe('The call login has an argument it does not take.');
    const long2k = long(2000);
    const tooLong = await expectRefused(w, 'clm:login', { master: long2k }, 'bad-arguments', 'long', [
      long2k,
    ]);
    expect(tooLong.message).toBe('The call login has an argument that is too long or too large (master).');
    const typed = await expectRefused(w, 'clm:send', { chatId: '1', text: 'hi' }, 'bad-arguments', 'typed');
    expect(typed.message).toBe('The call send has a missing or wrongly typed argument (chatId).');
    const missing = await expectRefused(w, 'clm:send', undefined, 'bad-arguments', 'missing');
    expect(missing.message).toBe('The call send has a missing or wrongly typed argument.');
  });

  it.each([
    'clm:nope',
    'evil',
    '__proto__',
    'clm:__proto__',
    'clm:constructor',
    'clm:toString',
    'clm:hasOwnProperty',
    'clm:valueOf',
    'clm:',
    '',
    'CLM:status',
    'clm:Status',
    'clm:status ',
    ' clm:status',
    'status',
    'clm:clm:status',
    'clm:event',
    'clm:onEvent',
  ])('an unknown channel %j is refused as unknown-call', async (channel) => {
    const w = await world();
    const e = await expectRefused(w, channel, { chatId: 1, master: MASTER }, 'unknown-call', channel);
    expect(e.message).toBe('There is no such call.');
  });
});

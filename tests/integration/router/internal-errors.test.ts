/** Failures that are not the service's refusals: a closed vault, and anything else thrown inside the messenger. */
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src-main/service/service-error.js';
import type { CallName } from '../../../src-shared/contract.js';
import { argsFor } from './contract-table.js';
import { LOCKED_SECRET, MASTER, OPEN_SECRET, snapshot, world } from './fixtures.js';

describe('anything else thrown inside is internal, with a generic sentence', () => {
  const GENERIC = {
    ok: false,
    error: { code: 'internal', message: 'Something went wrong; nothing was changed.' },
  };

  it('a closed vault gives a clear vault-closed refusal, without any database message', async () => {
    const w = await world();
    await w.m.close();
    for (const [name, args] of [
      ['status', undefined],
      ['listChats', undefined],
      ['login', { master: MASTER }],
      ['history', { chatId: 1 }],
      ['createProfile', { nickname: 'bob', master: MASTER }],
    ] as const) {
      const r = await w.route(`clm:${name}`, args);
      expect(r, name).toEqual({
        ok: false,
        error: { code: 'vault-closed', message: 'The vault is closed; restart the app to open it again.' },
      });
      expect(JSON.stringify(r)).not.toMatch(/stack|database|connection|sqlite/i);
    }
  });

  it('a method that throws an Error, a TypeError, a string or rejects gives internal; a ServiceError keeps its code', async () => {
    const w = await world();
    const before = snapshot(w.m);
    const throwing: [CallName, () => unknown][] = [
      [
        'listChats',
        () => {
          throw new Error(`boom: ${MASTER} at /home/alice/vault.sqlite`);
        },
      ],
      [
        'getSettings',
        () => {
          throw new TypeError(`Cannot read properties of undefined (reading '${OPEN_SECRET}')`);
        },
      ],
      [
        'status',
        () => {
          throw `raw string ${LOCKED_SECRET}`;
        },
      ],
      ['send', () => Promise.reject(Object.assign(new Error('SQLITE_BUSY'), { code: 'chat-locked' }))],
      [
        'history',
        () => {
          throw Object.assign(new Error('looks like a service error'), {
            code: 'unknown-chat',
            name: 'ServiceError',
          });
        },
      ],
    ];
    // Each stubbed method is put back afterwards, whether it is the class's or the instance's own.
    const originals = new Map<string, PropertyDescriptor | undefined>();
    const stub = (name: string, fn: () => unknown) => {
      if (!originals.has(name)) originals.set(name, Object.getOwnPropertyDescriptor(w.m, name));
      Object.defineProperty(w.m, name, { value: fn, configurable: true });
    };
    const method: Record<string, string> = { getSettings: 'settings' };
    for (const [name, fn] of throwing) stub(method[name] ?? name, fn);
    for (const [name] of throwing) {
      const r = await w.route(`clm:${name}`, argsFor(name, w.openChat));
      expect(r, name).toEqual(GENERIC);
      expect(JSON.stringify(r), name).not.toMatch(/stack|boom|SQLITE|Cannot read|raw string|SECRET/);
    }
    stub('search', () => {
      throw new ServiceError('bad-input', 'Give at least one word to search for.');
    });
    expect(await w.route('clm:search', { chatId: w.openChat, query: 'x' })).toEqual({
      ok: false,
      error: { code: 'bad-input', message: 'Give at least one word to search for.' },
    });
    for (const [name, original] of originals) {
      if (original) Object.defineProperty(w.m, name, original);
      else Reflect.deleteProperty(w.m, name);
    }
    expect(snapshot(w.m)).toEqual(before);
  });
});

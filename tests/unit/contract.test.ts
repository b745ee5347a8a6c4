/**
 * The bridge contract and the preload's window.clm built from it: one strict
 * schema per call, exactly these names exposed, each bound to its own
 * channel, and events checked before a listener sees them.
 */
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { buildBridge, type Invoke, type Subscribe } from '../../src-preload/bridge.js';
import {
  CALL_NAMES,
  type CallName,
  contract,
  EVENT_CHANNEL,
  eventSchema,
  INVOKE_CHANNEL_PREFIX,
} from '../../src-shared/contract.js';

/** Arguments each call accepts; `undefined` for the calls that take none. */
const VALID: Record<CallName, unknown> = {
  status: undefined,
  createProfile: { nickname: 'alice', master: 'pw' },
  login: { master: 'pw' },
  logout: undefined,
  changeMaster: { oldMaster: 'a', newMaster: 'b' },
  deleteProfile: { confirm: 'DELETE' },
  getSettings: undefined,
  setSettings: { autoLockMinutes: 5 },
  listChats: undefined,
  createChat: { name: 'n', secret: 's', format: 'sealed-v2' },
  unlockChat: { chatId: 1, secret: 's' },
  lockChat: { chatId: 1 },
  lockAll: undefined,
  chatInfo: { chatId: 1 },
  renameChat: { chatId: 1, name: 'n' },
  deleteChat: { chatId: 1 },
  rememberChat: { chatId: 1 },
  forgetChat: { chatId: 1 },
  openHiddenChat: { secret: 's' },
  hideChat: { chatId: 1, secret: 's' },
  showChat: { chatId: 1 },
  send: { chatId: 1, text: 'hi' },
  history: { chatId: 1 },
  search: { chatId: 1, query: 'q' },
  trashMessage: { chatId: 1, messageId: 1 },
  restoreMessage: { chatId: 1, messageId: 1 },
  purgeMessage: { chatId: 1, messageId: 1 },
  emptyTrash: { chatId: 1 },
  clearHistory: { chatId: 1 },
  importPaste: { text: '{}' },
  peekPointer: { text: '{}', secret: 's' },
  cancelImport: undefined,
  copyText: { text: '' },
  clipboardPointers: undefined,
  exportChat: { chatId: 1 },
  backupVault: undefined,
  restoreVault: undefined,
};

type Def = { type: string; innerType?: z.ZodType; catchall?: z.ZodType; shape?: Record<string, unknown> };
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema under an optional(), if any. */
function objectOf(schema: z.ZodType): Def {
  const d = def(schema);
  return d.type === 'optional' && d.innerType ? def(d.innerType) : d;
}

describe('the contract', () => {
  it('CALL_NAMES is exactly the keys of the contract, in order, without duplicates', () => {
    expect(CALL_NAMES).toEqual(Object.keys(contract));
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length);
    expect(Object.keys(VALID).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('call names are plain identifiers, none an Object.prototype name', () => {
    for (const name of CALL_NAMES) {
      expect(name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(name in Object.prototype, name).toBe(false);
    }
    expect(CALL_NAMES).not.toContain('onEvent');
  });

  it.each(CALL_NAMES)('%s: a strict object schema (unknown keys are refused)', (name) => {
    const o = objectOf(contract[name].args);
    expect(o.type, name).toBe('object');
    expect(o.catchall && def(o.catchall).type, `${name} is .strict()`).toBe('never');
  });

  it.each(CALL_NAMES)('%s: accepts its example, refuses it with an extra key', (name) => {
    const schema = contract[name].args;
    const valid = VALID[name];
    expect(schema.safeParse(valid).success).toBe(true);
    const r = schema.safeParse({ ...(valid ?? {}), extra: 1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.code).toBe('unrecognized_keys');
    // A key named like an Object.prototype member is just as unknown.
    expect(schema.safeParse({ ...(valid ?? {}), toString: 'x' }).success).toBe(false);
    expect(schema.safeParse(JSON.parse(`{"__proto__":{"x":1}}`)).success).toBe(false);
  });

  it.each(CALL_NAMES)('%s: refuses non-objects', (name) => {
    for (const bad of ['x', 1, true, [], [VALID[name]]]) {
      expect(contract[name].args.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('the calls without arguments are exactly the ones whose schema is optional', () => {
    const optional = CALL_NAMES.filter((n) => def(contract[n].args).type === 'optional');
    expect(optional).toEqual(CALL_NAMES.filter((n) => VALID[n] === undefined));
    for (const n of optional) expect(contract[n].args.safeParse({}).success, n).toBe(true);
  });

  it('every string argument has a maximum length', () => {
    const huge = 'x'.repeat(64 * 1024 * 1024);
    for (const name of CALL_NAMES) {
      const shape = objectOf(contract[name].args).shape ?? {};
      for (const [key, field] of Object.entries(shape)) {
        const f = field as z.ZodType;
        const inner = def(f).type === 'optional' ? (def(f).innerType as z.ZodType) : f;
        if (def(inner).type !== 'string') continue;
        expect(inner.safeParse(huge).success, `${name}.${key} is unbounded`).toBe(false);
      }
    }
  });
});

describe('buildBridge', () => {
  function bridge() {
    const invoke = vi.fn<Invoke>(async (channel, args) => ({ ok: true, value: { channel, args } }));
    const unsubscribe = vi.fn();
    const listeners: ((payload: unknown) => void)[] = [];
    const subscribe = vi.fn<Subscribe>((_channel, listener) => {
      listeners.push(listener);
      return unsubscribe;
    });
    const api = buildBridge(invoke, subscribe);
    const deliver = (payload: unknown) => {
      for (const l of listeners) l(payload);
    };
    return { api, invoke, subscribe, unsubscribe, deliver };
  }

  it('exposes exactly the contract names and onEvent, all functions, frozen', () => {
    const { api } = bridge();
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'onEvent'].sort());
    expect(Reflect.ownKeys(api).length).toBe(CALL_NAMES.length + 1);
    for (const k of Object.keys(api)) expect(typeof (api as Record<string, unknown>)[k], k).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as unknown as Record<string, unknown>).status = () => 'replaced';
    }).toThrow(TypeError);
    expect(() => {
      (api as unknown as Record<string, unknown>).evil = () => 'added';
    }).toThrow(TypeError);
    expect(Object.keys(api)).not.toContain('evil');
  });

  it.each(CALL_NAMES)('%s invokes channel clm:%s with its arguments, once', async (name) => {
    const { api, invoke } = bridge();
    const args = VALID[name] ?? {};
    const call = api[name] as (a?: unknown) => Promise<unknown>;
    const r = await call(args);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith(`${INVOKE_CHANNEL_PREFIX}${name}`, args);
    expect(`${INVOKE_CHANNEL_PREFIX}${name}`).toBe(`clm:${name}`);
    // What invoke answers is what the caller gets.
    expect(r).toEqual({ ok: true, value: { channel: `clm:${name}`, args } });
  });

  it('a call without arguments sends {} (never undefined)', async () => {
    const { api, invoke } = bridge();
    await api.status();
    await (api.listChats as (a?: unknown) => Promise<unknown>)(undefined);
    expect(invoke.mock.calls).toEqual([
      ['clm:status', {}],
      ['clm:listChats', {}],
    ]);
  });

  it('passes whatever the page gives on to main unchanged: validation is main’s job', async () => {
    const { api, invoke } = bridge();
    const bad = { master: 42, extra: true };
    await (api.login as (a: unknown) => Promise<unknown>)(bad);
    expect(invoke).toHaveBeenCalledWith('clm:login', bad);
  });

  it('onEvent subscribes to the event channel and returns its unsubscribe', () => {
    const { api, subscribe, unsubscribe } = bridge();
    const off = api.onEvent(() => {});
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(subscribe.mock.calls[0]?.[0]).toBe(EVENT_CHANNEL);
    expect(EVENT_CHANNEL).toBe('clm:event');
    off();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  const VALID_EVENTS = [
    { type: 'chat-locked', chatId: 3, reason: 'idle' },
    { type: 'chat-locked', chatId: 1, reason: 'request' },
    { type: 'all-locked', reason: 'logout' },
    { type: 'all-locked', reason: 'suspend' },
    { type: 'all-locked', reason: 'request' },
    { type: 'import-progress', done: 25, total: 100 },
    { type: 'open-import', text: '{"v":2}' },
  ];

  const INVALID_EVENTS: unknown[] = [
    undefined,
    null,
    'chat-locked',
    42,
    [],
    [{ type: 'all-locked', reason: 'logout' }],
    {},
    { type: 'nope' },
    { type: 'constructor' },
    { type: 'chat-locked' },
    { type: 'chat-locked', chatId: 0, reason: 'idle' },
    { type: 'chat-locked', chatId: -1, reason: 'idle' },
    { type: 'chat-locked', chatId: 1.5, reason: 'idle' },
    { type: 'chat-locked', chatId: '1', reason: 'idle' },
    { type: 'chat-locked', chatId: 1, reason: 'because' },
    { type: 'all-locked', reason: 'idle' },
    { type: 'all-locked' },
    { type: 'import-progress', done: 1.5, total: 2 },
    { type: 'import-progress', done: '1', total: 2 },
    { type: 'import-progress', done: 1 },
    { type: 'open-import', text: 42 },
    { type: 'open-import' },
    { Type: 'all-locked', reason: 'logout' },
  ];

  it('onEvent passes valid events, each once, in order', () => {
    const { api, deliver } = bridge();
    const seen: unknown[] = [];
    api.onEvent((e) => seen.push(e));
    for (const e of VALID_EVENTS) deliver(e);
    expect(seen).toEqual(VALID_EVENTS);
  });

  it('onEvent drops payloads that do not match eventSchema', () => {
    const { api, deliver } = bridge();
    const seen: unknown[] = [];
    api.onEvent((e) => seen.push(e));
    for (const p of INVALID_EVENTS) {
      expect(eventSchema.safeParse(p).success, JSON.stringify(p)).toBe(false);
      expect(() => deliver(p)).not.toThrow();
    }
    expect(seen).toEqual([]);
  });

  it('onEvent hands the listener a checked copy: keys the schema does not know are stripped', () => {
    const { api, deliver } = bridge();
    const seen: unknown[] = [];
    api.onEvent((e) => seen.push(e));
    const payload = { type: 'all-locked', reason: 'logout', sender: { ipc: 'handle' } };
    deliver(payload);
    expect(seen).toEqual([{ type: 'all-locked', reason: 'logout' }]);
    expect(seen[0]).not.toBe(payload);
  });
});

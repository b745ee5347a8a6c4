/**
 * Shared setup for the IPC router tests (tests/integration/router/*.test.ts):
 * the router driven the way ipcMain drives it, a channel name and whatever the
 * renderer sent, over a real messenger in a temp folder. Every malformed call
 * must be refused with a code and one sentence (never the value sent, never a
 * stack) and must change nothing; valid calls must reach the real messenger and
 * come back as plain data.
 *
 * Importing this module registers an afterEach hook in the test file: every
 * messenger opened here is closed and its temp folder removed after each test,
 * pass or fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { createRouter } from '../../../src-main/ipc/router.js';
import { Messenger } from '../../../src-main/service/messenger.js';
import type { BridgeEvent, BridgeResult, CallName } from '../../../src-shared/contract.js';
import type { LocalChatId, MessageId } from '../../../src-shared/types.js';

export const MASTER = 'master-SECRET-phrase-7f3a';
export const OPEN_SECRET = 'open-chat-SECRET-91c2';
export const LOCKED_SECRET = 'locked-chat-SECRET-44d8';
export const WRONG_SECRET = 'wrong-chat-SECRET-0b1e';
const SECRETS = [MASTER, OPEN_SECRET, LOCKED_SECRET, WRONG_SECRET];

const dirs: string[] = [];
const messengers: Messenger[] = [];

afterEach(async () => {
  for (const m of messengers.splice(0)) await m.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A messenger on a new vault in a new temp folder (both closed and removed after the test). */
export function openMessenger(): Messenger {
  const dir = mkdtempSync(join(tmpdir(), 'clm-router-'));
  dirs.push(dir);
  const m = Messenger.open(join(dir, 'vault.sqlite'), { chatLog2N: 12, profileLog2N: 12 });
  messengers.push(m);
  return m;
}

export type Route = (channel: string, args?: unknown) => Promise<BridgeResult<unknown>>;

export interface Wired {
  readonly route: Route;
  /** Every event the router emitted, in order. */
  readonly events: BridgeEvent[];
  /** Every text written to the clipboard, in order. */
  readonly clipboard: string[];
  /** Resolves at the next event of this type the router emits. */
  readonly nextEvent: (type: BridgeEvent['type']) => Promise<BridgeEvent>;
}

export interface World extends Wired {
  readonly m: Messenger;
  /** An unlocked sealed chat with two messages, the second in the trash. */
  readonly openChat: LocalChatId;
  /** A legacy chat, locked. */
  readonly lockedChat: LocalChatId;
  readonly messages: MessageId[];
}

/** A router over `m`, recording what it emits and writes to the clipboard. */
export function wire(m: Messenger): Wired {
  const events: BridgeEvent[] = [];
  const clipboard: string[] = [];
  const listeners = new Set<(e: BridgeEvent) => void>();
  const router = createRouter({
    messenger: m,
    writeClipboard: (text) => {
      clipboard.push(text);
    },
    emit: (e) => {
      events.push(e);
      for (const listener of [...listeners]) listener(e);
    },
  });
  const route: Route = (channel, args) => router(channel, args);
  const nextEvent = (type: BridgeEvent['type']) =>
    new Promise<BridgeEvent>((resolve) => {
      const listener = (e: BridgeEvent) => {
        if (e.type !== type) return;
        listeners.delete(listener);
        resolve(e);
      };
      listeners.add(listener);
    });
  return { route, events, clipboard, nextEvent };
}

/**
 * A vault with something in it to protect. `profile: 'none'` leaves it
 * empty; `'logged-out'` creates the profile and logs out.
 */
export async function world(profile: 'logged-in' | 'logged-out' | 'none' = 'logged-in'): Promise<World> {
  const m = openMessenger();
  let openChat = 0 as LocalChatId;
  let lockedChat = 0 as LocalChatId;
  const messages: MessageId[] = [];
  if (profile !== 'none') {
    await m.createProfile('alice', MASTER);
    openChat = (await m.createChat({ name: 'Open', secret: OPEN_SECRET, format: 'sealed-v2' })).id;
    lockedChat = (
      await m.createChat({ name: 'Locked', secret: LOCKED_SECRET, format: 'legacy', legacyId: '7' })
    ).id;
    messages.push(m.send(openChat, 'first message').message.id);
    messages.push(m.send(openChat, 'second message').message.id);
    m.trashMessage(openChat, messages[1] as MessageId);
    m.lockChat(lockedChat);
    if (profile === 'logged-out') m.logout();
  }
  // Wired after the setup, so `events` holds only what the calls under test cause.
  return { m, ...wire(m), openChat, lockedChat, messages };
}

/** Everything a person could see of the vault, without changing it. */
export function snapshot(m: Messenger) {
  const status = m.status();
  if (!status.loggedIn) return { status };
  const chats = m.listChats();
  return {
    status,
    settings: m.settings(),
    chats,
    histories: chats
      .filter((c) => !c.locked)
      .map((c) => ({ id: c.id, live: m.history(c.id), trash: m.history(c.id, { trash: true }) })),
  };
}

/** The vault still opens with the original master phrase (changeMaster and the like did nothing). */
export async function expectMasterUnchanged(m: Messenger) {
  m.logout();
  await expect(m.login(MASTER)).resolves.toBeUndefined();
}

const SENTENCE = /^[A-Z][^\n]*\.$/;

/** Only null, booleans, finite numbers, strings, arrays and plain objects, all the way down. */
export function expectPlainJson(value: unknown, where = 'result'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${where} is a finite number`).toBe(true);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      expectPlainJson(v, `${where}[${i}]`);
    });
    return;
  }
  expect(typeof value, `${where} is JSON data`).toBe('object');
  expect(Object.getPrototypeOf(value), `${where} is a plain object`).toBe(Object.prototype);
  for (const [k, v] of Object.entries(value as object)) expectPlainJson(v, `${where}.${k}`);
}

/** Strings worth checking for in an error message: the secrets and anything distinctive in what was sent. */
export function revealing(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 3 ? [value.slice(0, 64)] : [];
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) < 100 ? [] : [String(value)];
  if (Array.isArray(value)) return value.flatMap(revealing);
  if (value && typeof value === 'object') return Object.values(value).flatMap(revealing);
  return [];
}

/** A refusal: the code, one sentence, nothing sent echoed, no stack, nothing changed, no event, no clipboard. */
export async function expectRefused(
  w: World,
  channel: string,
  args: unknown,
  code: string,
  label: string,
  mustNotReveal: readonly string[] = [],
) {
  const before = snapshot(w.m);
  const nEvents = w.events.length;
  const nClip = w.clipboard.length;
  const r = await w.route(channel, args);
  expect(r, label).toEqual({ ok: false, error: { code, message: expect.any(String) } });
  expect(Object.keys(r), label).toEqual(['ok', 'error']);
  const error = (r as unknown as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).sort(), label).toEqual(['code', 'message']);
  expect(error.message, label).toMatch(SENTENCE);
  expectPlainJson(r, label);
  const json = JSON.stringify(r);
  expect(json, label).not.toMatch(/stack|\n\s+at /);
  for (const s of [...SECRETS, ...mustNotReveal]) {
    expect(error.message, `${label}: the message echoes ${s.slice(0, 20)}`).not.toContain(s);
  }
  expect(snapshot(w.m), `${label}: state changed`).toEqual(before);
  expect(w.events.slice(nEvents), `${label}: an event was emitted`).toEqual([]);
  expect(w.clipboard.length, `${label}: the clipboard was written`).toBe(nClip);
  return error as { code: string; message: string };
}

/** A valid call that must succeed: its value, checked to be plain JSON data. */
export async function ok<T = unknown>(route: Route, name: CallName, args?: unknown): Promise<T> {
  const r = await route(`clm:${name}`, args);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code}: ${r.error.message}`);
  expect(Object.keys(r)).toEqual(['ok', 'value']);
  expectPlainJson(r.value, name);
  expect(JSON.parse(JSON.stringify(r)), name).toStrictEqual(r);
  return r.value as T;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { Messenger, type MessengerOptions } from '../../../src-main/service/messenger.js';
import { ServiceError, type ServiceErrorCode } from '../../../src-main/service/service-error.js';
import type { ImportOutcome, LocalChatId, MessengerEvent } from '../../../src-shared/types.js';

/** Fast scrypt everywhere: the costs are parameters, the behaviour is the same. */
export const FAST: MessengerOptions = { chatLog2N: 12, profileLog2N: 12 };

/**
 * Fresh temp folders and vaults for each test; every vault is closed and every
 * folder removed after the test, pass or fail.
 */
export function freshVaults() {
  const messengers: Messenger[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    for (const m of messengers.splice(0)) await m.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'clm-service-'));
    dirs.push(d);
    return d;
  };

  const open = (path: string, opts: MessengerOptions = {}): Messenger => {
    const m = Messenger.open(path, { ...FAST, ...opts });
    messengers.push(m);
    return m;
  };

  /** A new vault in a new folder, with a profile created (and so logged in). */
  const user = async (nickname: string, master = `${nickname}-master-phrase`) => {
    const path = join(dir(), 'vault.sqlite');
    const m = open(path);
    await m.createProfile(nickname, master);
    return { m, path, master };
  };

  return { dir, open, user };
}

/** Runs fn (sync or async) and returns the ServiceError it threw, after checking its code. */
export async function expectServiceError(fn: () => unknown, code: ServiceErrorCode): Promise<ServiceError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a ServiceError '${code}'`).toBeInstanceOf(ServiceError);
  expect((caught as ServiceError).code).toBe(code);
  return caught as ServiceError;
}

/** Records every event a messenger emits. */
export function recordEvents(m: Messenger): MessengerEvent[] {
  const events: MessengerEvent[] = [];
  m.onEvent((e) => events.push(e));
  return events;
}

/** Narrows one import outcome to the kind the test expects, failing with the whole outcome otherwise. */
export function outcome<K extends ImportOutcome['kind']>(
  o: ImportOutcome | undefined,
  kind: K,
): Extract<ImportOutcome, { kind: K }> {
  expect(o, `expected a '${kind}' outcome`).toMatchObject({ kind });
  return o as Extract<ImportOutcome, { kind: K }>;
}

/** Imports one pointer and returns its single outcome. */
export async function importOne(
  m: Messenger,
  pointer: string,
  opts: Parameters<Messenger['importPaste']>[1] = {},
): Promise<ImportOutcome> {
  const out = await m.importPaste(pointer, opts);
  expect(out).toHaveLength(1);
  return out[0] as ImportOutcome;
}

export const texts = (m: Messenger, id: LocalChatId): string[] => m.history(id).messages.map((x) => x.text);

/** A text long enough that a legacy pointer read with the wrong secret is never valid UTF-8 by chance. */
export const longText = (tag: string): string =>
  `${tag}: the quick brown fox jumps over the lazy dog near the library at noon`;

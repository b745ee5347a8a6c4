/**
 * The main-process log (issue 11): errors by name and stack, rotated, in the
 * user-data folder; the app is made to fail in several ways with secrets in
 * play, and no secret reaches the log, in UTF-8 or UTF-16.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Messenger } from '../../../src-main/service/messenger.js';
import { crashLog, describeError, LOG_FILE } from '../../../src-main/shell/crash-log.js';
import { electron } from './electron-double.js';
import { shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();
const MASTER = 'master-phrase-Zq81-secret';
const CHAT_SECRET = 'chat-secret-Wp44-secret';
const TEXT = 'text of a message Kx93';
const SECRETS = [MASTER, CHAT_SECRET, TEXT];

/** Every log file in the folder, as bytes. */
const logs = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).map((f) => ({ f, bytes: readFileSync(join(dir, f)) })) : [];

function expectNoSecret(dir: string): void {
  const all = logs(dir);
  expect(all.length).toBeGreaterThan(0);
  for (const { f, bytes } of all) {
    for (const s of SECRETS) {
      for (const enc of ['utf8', 'utf16le'] as const) {
        expect(bytes.includes(Buffer.from(s, enc)), `${f} holds ${s} (${enc})`).toBe(false);
        expect(bytes.includes(Buffer.from(s.slice(0, 12), enc)), `${f} holds part of ${s}`).toBe(false);
      }
    }
  }
}

describe('the crash log', () => {
  it('records failures by name and stack, with no secret, in the user-data folder', async () => {
    const s = await fx.start();
    const dir = join(s.userData, 'logs');
    await s.call('createProfile', { nickname: 'ann', master: MASTER });
    const chat = (await s.call('createChat', {
      name: 'Notes',
      secret: CHAT_SECRET,
      format: 'sealed-v2',
    })) as {
      value: { id: number };
    };
    await s.call('send', { chatId: chat.value.id, text: TEXT });
    const m = s.messengers[0] as Messenger & Record<string, unknown>;

    // 1. A call failing with a secret in its message, and a frame forged inside it.
    m.listChats = () => {
      throw new TypeError(`cannot list ${MASTER}\n    at forged (${CHAT_SECRET}:1:1)`);
    };
    expect(await s.call('listChats')).toMatchObject({ ok: false, error: { code: 'internal' } });
    // 2. A parse of secret text failing (JSON.parse quotes what it read).
    m.settings = () => JSON.parse(`{${TEXT}`);
    expect(await s.call('getSettings')).toMatchObject({ ok: false, error: { code: 'internal' } });
    // 3. A crash outside any call: the uncaught-exception monitor sees it.
    const err = new RangeError(`unlock failed for ${CHAT_SECRET}`);
    Object.assign(err, { code: MASTER });
    const monitor = (e: unknown, origin: string) =>
      (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtExceptionMonitor', e, origin);
    monitor(err, 'uncaughtException');
    // 4. Something thrown that is not an Error at all.
    monitor(MASTER, 'unhandledRejection');
    // 5. The page going away.
    s.win?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });

    const text = readFileSync(join(dir, LOG_FILE), 'utf8');
    expect(text).toMatch(/call listChats: TypeError\n {4}at /);
    expect(text).toMatch(/call getSettings: SyntaxError\n {4}at /);
    expect(text).toMatch(/uncaughtException: RangeError\n {4}at /);
    expect(text).toMatch(/unhandledRejection: a thrown string/);
    expect(text).toMatch(/render-process-gone: crashed \(exit 139\)/);
    expect(text).not.toMatch(/forged/);
    expectNoSecret(dir);
    expect(statSync(join(dir, LOG_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(electron.dialog.messageBoxes).toHaveLength(0);
  });

  it('is rotated: it never grows past a few files of the limit', () => {
    const dir = join(fx.tmp(), 'logs');
    const log = crashLog(dir, 4096);
    for (let i = 0; i < 500; i++) log.record('test', new Error(`failure ${i} ${MASTER}`));
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(4096);
    expectNoSecret(dir);
  });

  it('keeps only a plain class name and code: a name or code carrying text is dropped', () => {
    const e = new Error('x');
    e.name = `Error ${MASTER}`;
    Object.assign(e, { code: 'SQLITE_BUSY' });
    expect(describeError(e).split('\n')[0]).toBe('Error SQLITE_BUSY');
  });
});

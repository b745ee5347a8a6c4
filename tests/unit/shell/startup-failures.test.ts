/**
 * A vault or a native build that cannot be opened stops the start with one
 * sentence and a way out (Quit, or choose another vault), never an exception.
 * Real files in a temp folder: garbage bytes for a damaged vault, a high
 * user_version for a newer one, a folder in place of the file for an
 * unreadable one.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { vaultOpenProblem } from '../../../src-main/shell/startup-problem.js';
import { electron } from './electron-double.js';
import { type Project, shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();
const QUIT = 0;
const CHOOSE = 1;

function vaultAt(p: Project, write: (file: string) => void): Project {
  mkdirSync(dirname(p.vault), { recursive: true });
  write(p.vault);
  return p;
}

const garbage = (file: string) => writeFileSync(file, Buffer.alloc(8192, 0x5a));
const newer = (file: string) => {
  const db = new Database(file);
  db.pragma('user_version = 999');
  db.close();
};
const folder = (file: string) => mkdirSync(file);

/** The one dialog shown: its sentence, and the buttons it offers. */
function shownDialog() {
  expect(electron.dialog.messageBoxes).toHaveLength(1);
  const box = electron.dialog.messageBoxes[0] as { message: string; buttons: string[]; type: string };
  return { message: box.message, buttons: box.buttons, type: box.type };
}

const oneSentence = (s: string) => expect(s).toMatch(/^[A-Z][^.]*(\([^)]*\)[^.]*)?\.$/);

describe('a vault that cannot be opened', () => {
  it.each([
    [
      'damaged (not a database)',
      garbage,
      /^The file is not a vault \(nor any SQLite database\); it was left as it is\.$/,
    ],
    ['from a newer version', newer, /newer version of Chrono-Library Messenger; update the app/],
    [
      'unreadable (a folder in its place)',
      folder,
      /^The vault file is not a regular file \(a folder or a device\)/,
    ],
  ])('%s: one sentence, Quit or choose another vault; Quit quits', async (_what, write, says) => {
    const s = await fx.start(vaultAt(fx.project(), write));
    const box = shownDialog();
    expect(box.message).toMatch(says);
    oneSentence(box.message);
    expect(box.type).toBe('error');
    expect(box.buttons).toEqual(['Quit', 'Choose Another Vault…']);
    expect(s.win).toBeUndefined();
    expect(electron.app.exited).toBe(true);
  });

  it('unreadable by permissions (chmod 000)', async (ctx) => {
    if (process.getuid?.() === 0) ctx.skip('running as root, which reads a chmod 000 file anyway');
    const s = await fx.start(
      vaultAt(fx.project(), (file) => {
        garbage(file);
        chmodSync(file, 0o000);
      }),
    );
    expect(shownDialog().message).toMatch(/cannot be opened for reading and writing/);
    expect(s.win).toBeUndefined();
  });

  it('leaves the damaged file as it was', async () => {
    const p = vaultAt(fx.project(), garbage);
    await fx.start(p);
    expect(readFileSync(p.vault)).toEqual(Buffer.alloc(8192, 0x5a));
  });

  it('choosing another vault opens it and starts the app on it', async () => {
    const p = vaultAt(fx.project(), garbage);
    const other = join(p.root, 'elsewhere', 'vault.sqlite');
    mkdirSync(dirname(other));
    electron.dialog.answers.push(CHOOSE);
    electron.dialog.picks.push(other);
    const s = await fx.start(p);
    expect(electron.dialog.openDialogs).toHaveLength(1);
    expect(electron.dialog.openDialogs[0]).toMatchObject({
      properties: ['openFile'],
      defaultPath: dirname(p.vault),
    });
    expect(s.messengers.at(-1)?.vaultPath).toBe(other);
    expect(s.win).toBeDefined();
    expect(await s.call('status')).toEqual({ ok: true, value: { exists: false, loggedIn: false } });
  });

  it('cancelling the file chooser, or choosing another bad vault, explains again', async () => {
    const p = vaultAt(fx.project(), garbage);
    const alsoNewer = join(p.root, 'newer.sqlite');
    newer(alsoNewer);
    electron.dialog.answers.push(CHOOSE, CHOOSE, QUIT);
    electron.dialog.picks.push(undefined, alsoNewer);
    const s = await fx.start(p);
    expect(electron.dialog.messageBoxes.map((b) => b.message)).toEqual([
      expect.stringMatching(/not a vault/),
      expect.stringMatching(/not a vault/),
      expect.stringMatching(/newer version/),
    ]);
    expect(s.win).toBeUndefined();
    expect(electron.app.exited).toBe(true);
  });
});

it('a failure it cannot name still says the vault could not be opened, with the cause underneath', () => {
  expect(vaultOpenProblem(new Error('disk on fire\nstack'), false, '/v/vault.sqlite')).toEqual({
    message: 'The vault could not be opened.',
    canChooseVault: true,
    detail: 'Vault: /v/vault.sqlite\ndisk on fire',
  });
});

describe('a missing native build', () => {
  it.each([
    ['missing', 'missing'],
    ['built for another Electron version', 'stale'],
    ['not a loadable addon', 'not-an-addon'],
  ] as const)('in a checkout, %s: says to run npm start, offers only Quit', async (_what, native) => {
    const s = await fx.start(fx.project(native));
    const box = shownDialog();
    expect(box.message).toMatch(
      /database module built for Electron is missing or out of date; run npm start/,
    );
    oneSentence(box.message);
    expect(box.buttons).toEqual(['Quit']);
    expect(s.win).toBeUndefined();
    expect(electron.app.exited).toBe(true);
  });

  it('packaged, loads the build from its resources folder', async () => {
    electron.app.isPackaged = true;
    const s = await fx.start(fx.project('packaged'));
    expect(electron.dialog.messageBoxes).toEqual([]);
    expect(await s.call('status')).toMatchObject({ ok: true });
  });

  it('packaged, missing from the resources: says to reinstall, offers only Quit', async () => {
    electron.app.isPackaged = true;
    const s = await fx.start(fx.project('missing'));
    const box = shownDialog();
    expect(box.message).toMatch(/incomplete .*; reinstall the app\.$/);
    expect(box.buttons).toEqual(['Quit']);
    expect(s.win).toBeUndefined();
  });
});

describe('any other failure at start-up', () => {
  it('is one sentence in an error box, then quit, which still closes the vault', async () => {
    const p = fx.project();
    // The renderer cannot be served: the protocol handler is refused.
    electron.protocol.handle = () => {
      throw new Error('protocol already handled\nat somewhere');
    };
    const s = await fx.start(p);
    expect(electron.dialog.errorBoxes).toEqual([
      { title: 'Chrono-Library Messenger', content: 'The app could not start (protocol already handled).' },
    ]);
    await vi.waitUntil(() => electron.app.exited);
    expect(() => s.messengers[0]?.status()).toThrow(/vault is closed/);
  });
});

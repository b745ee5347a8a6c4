/**
 * The installed app answers `clm ARGS` as the command line tool: headless, on
 * the app's own build of better-sqlite3, exiting with the command's code.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clmArguments, runClmHeadless } from '../../../src-main/shell/cli-mode.js';
import { nativeBuildProblem } from '../../../src-main/shell/native-binding.js';
import type { ShellEnv } from '../../../src-main/shell/shell-env.js';
import { electron, FakeBrowserWindow } from './electron-double.js';
import { ELECTRON_VERSION, type Project, shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();

describe('which launches are the command line tool', () => {
  it.each([
    [
      ['/opt/Chrono-Library Messenger/chrono-library-messenger', 'clm', 'chats', '--json'],
      false,
      ['chats', '--json'],
    ],
    [['/usr/lib/electron/electron', '.', 'clm', 'help'], true, ['help']],
    [['C:\\Program Files\\CLM\\Chrono-Library Messenger.exe', 'clm'], false, []],
  ])('%j is clm', (argv, defaultApp, args) => {
    expect(clmArguments(argv, defaultApp)).toEqual(args);
  });

  it.each([
    [['/opt/clm/chrono-library-messenger'], false],
    [['/opt/clm/chrono-library-messenger', '{"c":"1","e":5,"d":"aa"}'], false],
    [['/usr/lib/electron/electron', '.'], true],
    // A checkout's `electron .` puts the app folder first: a folder named clm is not the command.
    [['/usr/lib/electron/electron', 'clm'], true],
  ])('%j opens the window', (argv, defaultApp) => {
    expect(clmArguments(argv, defaultApp)).toBeUndefined();
  });
});

describe('clm inside the app', () => {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    out.length = 0;
    err.length = 0;
    vi.restoreAllMocks();
  });

  async function clm(p: Project, args: string[]): Promise<number | undefined> {
    electron.app.appPath = p.root;
    electron.app.userData = p.userData;
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    const env: ShellEnv = {
      mainDir: p.mainDir,
      argv: [],
      resourcesPath: `${p.root}/resources`,
      electronVersion: ELECTRON_VERSION,
      arch: process.arch,
    };
    await runClmHeadless(args, env);
    vi.restoreAllMocks();
    return electron.app.exitCode;
  }

  it('runs a command headless on the app build of better-sqlite3, then exits with its code', async () => {
    const p = fx.project('ready');
    Object.assign(process.env, { CLM_PASSPHRASE: 'phrase one' });
    expect(await clm(p, ['--vault', p.vault, 'init', '--name', 'alice'])).toBe(0);
    expect(out.join('')).toMatch(/Profile "alice" created/);
    // No window and no single-instance lock: the app may be open on the same vault meanwhile.
    expect(FakeBrowserWindow.all).toHaveLength(0);
    expect(electron.app.listenerCount('second-instance')).toBe(0);
    const db = new Database(p.vault, { readonly: true });
    expect(db.prepare('SELECT nickname FROM profile').get()).toEqual({ nickname: 'alice' });
    db.close();
  });

  it("exits with the command's own code and sentence when it is refused", async () => {
    const p = fx.project('ready');
    // 2, as under Node: a refusal clm makes itself (CliError), not the service.
    expect(await clm(p, ['--vault', p.vault, 'chats'])).toBe(2);
    expect(err.join('')).toMatch(/^clm: There is no profile in .* yet/);
  });

  it('without its database module it says so in one line and exits 1', async () => {
    const p = fx.project('missing');
    expect(await clm(p, ['--vault', p.vault, 'chats'])).toBe(1);
    expect(err.join('')).toBe(`clm: ${nativeBuildProblem(false)}\n`);
  });
});

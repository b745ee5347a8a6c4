/**
 * The vault file on disk (finding 7 and the bad-file list of issue 11): made
 * without following links, kept 0600 in a 0700 folder on every open, and any
 * file that is not a vault this app can write refused with one sentence and
 * left byte for byte as it was.
 */
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Messenger } from '../../../src-main/service/messenger.js';
import { openDb } from '../../../src-main/vault/open-db.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../../src-main/vault/schema.js';
import { VaultFileError } from '../../../src-main/vault/vault-file.js';
import { runCli } from '../run-cli.js';
import { tempDirs } from '../temp-dirs.js';

const tmp = tempDirs('clm-vault-file-');
const FAST = { chatLog2N: 12, profileLog2N: 12 };
const mode = (p: string) => statSync(p).mode & 0o777;
const oneSentence = (s: string) => expect(s).toMatch(/^[A-Z][^\n]*[.]$/);

/** A real vault with a profile, a chat and a message, closed (everything in the one file). */
async function realVault(dir = tmp()): Promise<string> {
  const path = join(dir, 'vault.sqlite');
  const m = Messenger.open(path, FAST);
  await m.createProfile('ann', 'ann phrase');
  const chat = await m.createChat({ name: 'Notes', format: 'sealed-v2', secret: 's' });
  m.send(chat.id, 'kept');
  await m.close();
  return path;
}

/** Opening is refused with one sentence, and the file and its folder are as they were. */
function expectRefused(path: string, says: RegExp): void {
  const wasThere = existsSync(path);
  const before = wasThere && statSync(path).isFile() ? readFileSync(path) : undefined;
  let thrown: unknown;
  try {
    openDb(path).close();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(VaultFileError);
  const message = (thrown as Error).message;
  oneSentence(message);
  expect(message).toMatch(says);
  // Through the service as well: the messenger does not open either.
  expect(() => Messenger.open(path, FAST)).toThrow(says);
  if (before === undefined) expect(existsSync(path)).toBe(wasThere);
  else expect(readFileSync(path).equals(before)).toBe(true);
}

describe('a new vault', () => {
  it('is made 0600 in a 0700 folder, and its -wal and -shm are 0600', () => {
    const dir = join(tmp(), 'fresh');
    const path = join(dir, 'vault.sqlite');
    const db = openDb(path);
    db.exec('CREATE TABLE IF NOT EXISTS probe (a)');
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(mode(`${path}-shm`)).toBe(0o600);
    db.close();
  });

  it('is not made through a dangling symbolic link, nor opened through a link to a vault', async () => {
    const dir = tmp();
    const elsewhere = join(tmp(), 'world-writable');
    mkdirSync(elsewhere);
    chmodSync(elsewhere, 0o777);
    const target = join(elsewhere, 'vault.sqlite');
    const path = join(dir, 'vault.sqlite');
    symlinkSync(target, path);
    expectRefused(path, /^The vault file is a symbolic link/);
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);

    const real = await realVault();
    const link = join(tmp(), 'vault.sqlite');
    symlinkSync(real, link);
    expectRefused(link, /^The vault file is a symbolic link/);
  });

  it('is not made in a folder whose parent is missing (a mistyped path)', () => {
    const path = join(tmp(), 'no-such', 'folder', 'vault.sqlite');
    expectRefused(path, /folder is missing and so is the folder above it/);
    expect(existsSync(join(path, '..'))).toBe(false);
  });
});

describe('clm with no --vault', () => {
  it("makes the app's own folder when the app never ran, 0700, and the vault in it", () => {
    const home = tmp();
    const r = runCli(['init', '--name', 'ann'], { env: { HOME: home, CLM_PASSPHRASE: 'p' } });
    expect(r.stderr).toBe('');
    const dir = join(home, '.config', 'Chrono-Library Messenger');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'vault.sqlite'))).toBe(0o600);
  });
});

describe('an existing vault', () => {
  it('has its modes narrowed on every open: the file to 0600, its folder to 0700', async () => {
    const path = await realVault();
    const dir = join(path, '..');
    chmodSync(path, 0o644);
    chmodSync(dir, 0o755);
    const m = Messenger.open(path, FAST);
    await m.login('ann phrase');
    expect(mode(path)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(mode(`${path}-wal`)).toBe(0o600);
    await m.close();
  });

  it('is refused in a shared folder (sticky or writable by all), which is left as it is', async () => {
    const dir = tmp();
    const path = await realVault(dir);
    chmodSync(dir, 0o1777);
    expectRefused(path, /folder is shared with others/);
    expect(statSync(dir).mode & 0o7777).toBe(0o1777);
  });

  it('is refused when its -wal is a symbolic link', async () => {
    const path = await realVault();
    symlinkSync(join(tmp(), 'elsewhere-wal'), `${path}-wal`);
    expectRefused(path, /^The vault's -wal file is a symbolic link/);
  });
});

describe('a file that is not a vault this app can write: one sentence, the file unchanged', () => {
  it('cut short in its header', async () => {
    const path = await realVault();
    truncateSync(path, 60);
    expectRefused(path, /^The vault file is cut short \(60 bytes\)/);
  });

  it('cut short in its pages', async () => {
    const path = await realVault();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    expectRefused(path, /^The vault file is cut short/);
  });

  it('random bytes', () => {
    const path = join(tmp(), 'vault.sqlite');
    writeFileSync(path, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 251)), {
      mode: 0o600,
    });
    expectRefused(path, /^The file is not a vault \(nor any SQLite database\)/);
  });

  it("another program's SQLite database", () => {
    const path = join(tmp(), 'vault.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
    other.close();
    expectRefused(path, /^The file is a database of another program, not a vault/);
  });

  it('a vault of a newer schema', async () => {
    const path = await realVault();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefused(path, /newer version of the app/);
  });

  it('read-only', async () => {
    const path = await realVault();
    chmodSync(path, 0o400);
    expectRefused(path, /^The vault file is read-only/);
    expect(mode(path)).toBe(0o400);
  });

  it('a folder where the file should be', () => {
    const path = join(tmp(), 'vault.sqlite');
    mkdirSync(path);
    expectRefused(path, /^The vault file is not a regular file/);
  });
});

describe('a schema migration', () => {
  /** A current vault as an open database, with one row to keep. */
  async function current() {
    const path = await realVault();
    return { path, db: openDb(path) };
  }
  const nickname = (db: Database.Database) =>
    (db.prepare('SELECT nickname FROM profile').get() as { nickname: string }).nickname;

  it('backs the vault up first and rolls every step back when one fails', async () => {
    const { path, db } = await current();
    const failing = [...MIGRATIONS, 'CREATE TABLE added_first (a);', 'SELECT no_such_column FROM profile;'];
    expect(() => migrate(db, failing)).toThrow(
      /^Updating the vault to this version of the app failed \(SqliteError\), so it was left as it was; the copy made before the update is kept beside it\.$/,
    );
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'added_first'").get()).toBeUndefined();
    expect(nickname(db)).toBe('ann');
    db.close();
    const backup = `${path}.before-schema-${SCHEMA_VERSION}`;
    expect(mode(backup)).toBe(0o600);
    const copy = new Database(backup, { readonly: true });
    expect(nickname(copy)).toBe('ann');
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    copy.close();
  });

  it('on success leaves the vault upgraded and no copy behind', async () => {
    const { path, db } = await current();
    migrate(db, [...MIGRATIONS, 'CREATE TABLE added_later (a);']);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(nickname(db)).toBe('ann');
    db.close();
    expect(existsSync(`${path}.before-schema-${SCHEMA_VERSION}`)).toBe(false);
  });
});

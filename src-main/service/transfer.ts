import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { LocalChatId } from '../../src-shared/types.js';
import { MIGRATIONS } from '../vault/schema.js';
import type { ServiceContext } from './context.js';
import { messageView } from './messages.js';
import { logout } from './profile-session.js';
import { replaceFile, writeText } from './replace-file.js';
import { ServiceError } from './service-error.js';

// Moving to another computer: a chat's pointers as text (what the import
// dialog and `clm import` read), and the whole vault as a backup file.

/**
 * A chat's messages (not those in the trash) as their pointers, oldest first,
 * one a line. Imported elsewhere with the chat's secret, they rebuild its
 * history; the pointers reveal nothing without that secret.
 */
export function exportChat(ctx: ServiceContext, id: LocalChatId): string {
  const c = ctx.openChat(id);
  return ctx
    .rows(id)
    .messages(false)
    .map((row) => `${messageView(c, row).pointer}\n`)
    .join('');
}

/**
 * An export (exportChat's text) into a file the person chose in a save dialog,
 * replacing it whole; returns how many pointers were written.
 */
export async function writeExport(dest: string, text: string): Promise<number> {
  try {
    await replaceFile(dest, (tmp) => writeText(tmp, text));
  } catch {
    throw new ServiceError('bad-input', `Cannot write ${dest}; nothing was written.`);
  }
  return text.split('\n').length - 1;
}

/** A file created for us alone (0600), refused when something is already there. */
function createPrivateFile(path: string, what: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch {
    throw new ServiceError(
      'bad-input',
      existsSync(path)
        ? `${what} ${path} already exists; choose another name.`
        : `Cannot write ${what.toLowerCase()} ${path}.`,
    );
  }
}

/** The build of better-sqlite3 the vault uses (Electron's inside the app). */
const binding = (ctx: ServiceContext) =>
  ctx.opts.nativeBinding ? { nativeBinding: ctx.opts.nativeBinding } : {};

/**
 * SQLite's copy of the vault into `dest`, as one self-contained file: the copy
 * keeps the vault's WAL mode, which would make every later opening (even a
 * read-only check) leave -wal and -shm files beside it, so it is switched back.
 */
async function copyVault(ctx: ServiceContext, dest: string): Promise<void> {
  await ctx.store.backupTo(dest);
  const db = new Database(dest, binding(ctx));
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * A copy of the whole vault, as encrypted as the vault itself: it opens with
 * the same master phrase and chat secrets. Needs the login, so only the
 * profile's owner takes copies of it.
 */
export async function backupVault(
  ctx: ServiceContext,
  dest: string,
  opts: { replace?: boolean } = {},
): Promise<void> {
  ctx.requireSession();
  const failed = () =>
    new ServiceError('bad-input', `Cannot write the backup file ${dest}; nothing was written.`);
  // A save dialog has asked whether to replace an existing file; the CLI never replaces one.
  if (opts.replace) {
    try {
      await replaceFile(dest, (tmp) => copyVault(ctx, tmp));
    } catch {
      throw failed();
    }
    return;
  }
  createPrivateFile(dest, 'The backup file');
  try {
    await copyVault(ctx, dest);
  } catch {
    rmSync(dest, { force: true });
    throw failed();
  }
}

/** The backup file, read-only, with the build of better-sqlite3 the vault uses. */
const openBackup = (ctx: ServiceContext, source: string) =>
  new Database(source, { readonly: true, fileMustExist: true, ...binding(ctx) });

/** A backup this app can open: an SQLite file with our tables, a profile, and no newer schema. */
function checkBackup(ctx: ServiceContext, source: string): void {
  let db: Database.Database | undefined;
  try {
    db = openBackup(ctx, source);
    const version = db.pragma('user_version', { simple: true }) as number;
    const profile = db.prepare('SELECT COUNT(*) AS n FROM profile').get() as { n: number };
    if (version > MIGRATIONS.length) throw new Error('newer');
    if (version < 1 || profile.n !== 1) throw new Error('not a vault');
  } catch (e) {
    throw new ServiceError(
      'bad-input',
      e instanceof Error && e.message === 'newer'
        ? `${source} is a backup from a newer version of the app; update the app to restore it.`
        : `${source} is not a backup of a Chrono-Library Messenger vault; nothing was changed.`,
    );
  } finally {
    db?.close();
  }
}

/**
 * Replaces the vault with a backup. The current vault is never lost: it is
 * first copied beside itself (returned), then the backup takes its place.
 * Logs out: the restored vault opens with its own master phrase.
 */
export async function restoreVault(ctx: ServiceContext, source: string): Promise<{ previous: string }> {
  checkBackup(ctx, source);
  const previous = `${ctx.path}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  createPrivateFile(previous, 'The copy of the current vault');
  try {
    await copyVault(ctx, previous);
  } catch {
    rmSync(previous, { force: true });
    throw new ServiceError('bad-input', 'Cannot keep a copy of the current vault; nothing was changed.');
  }
  logout(ctx);
  ctx.closeVault(false);
  // SQLite copies the backup's pages over the vault's (reading through a -wal the backup may
  // have); the file keeps its 0600. The next call opens the restored vault.
  const db = openBackup(ctx, source);
  try {
    await db.backup(ctx.path);
  } catch {
    throw new ServiceError('bad-input', `The restore failed; the vault as it was is kept at ${previous}.`);
  } finally {
    db.close();
  }
  return { previous };
}

import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  type Stats,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Why a vault file was not opened, in one sentence for a person; the file is left as it was. */
export class VaultFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultFileError';
  }
}

const POSIX = process.platform !== 'win32';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');
const HEADER_BYTES = 100;
const READ_ONLY = 'The vault file is read-only; the app needs to write to it, so it was not opened.';

const errno = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';

const lstatOrUndefined = (path: string): Stats | undefined => {
  try {
    return lstatSync(path);
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw new VaultFileError(`The vault file cannot be looked at (${errno(e) || 'unknown error'}).`);
  }
};

const ownedByOthers = (st: Stats): boolean =>
  POSIX && typeof process.getuid === 'function' && st.uid !== process.getuid();

/**
 * The vault's folder: created 0700 when missing (its parent must exist, so a
 * mistyped path is said, not built), and made 0700 when others may enter it.
 */
function checkFolder(dir: string): void {
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw new VaultFileError(`The vault's folder cannot be opened (${errno(e)}).`);
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (made) {
      throw new VaultFileError(
        errno(made) === 'ENOENT'
          ? "The vault's folder is missing and so is the folder above it, so no vault was made; check the path."
          : `The vault's folder cannot be made (${errno(made)}).`,
      );
    }
    st = statSync(dir);
  }
  if (!st.isDirectory())
    throw new VaultFileError("The vault's folder is not a folder, so the vault cannot be kept in it.");
  if (!POSIX || (st.mode & 0o077) === 0) return;
  // A shared folder (like /tmp: sticky, or writable by all) is not narrowed for everyone else.
  if (ownedByOthers(st) || (st.mode & 0o1002) !== 0) {
    throw new VaultFileError(
      "The vault's folder is shared with others (or belongs to another user); keep the vault in a folder of your own.",
    );
  }
  try {
    chmodSync(dir, 0o700);
  } catch {
    throw new VaultFileError(
      "The vault's folder is open to others and its permissions cannot be narrowed, so the vault was not opened.",
    );
  }
}

/** A file beside the vault (the vault itself, its -wal or -shm): regular, ours, 0600 at most. */
function checkFile(path: string, st: Stats, what: string): void {
  if (st.isSymbolicLink()) {
    throw new VaultFileError(
      `${what} is a symbolic link; a vault is opened only as a real file, so it was not opened.`,
    );
  }
  if (!st.isFile())
    throw new VaultFileError(`${what} is not a regular file (a folder or a device), so it was not opened.`);
  if (!POSIX || (st.mode & 0o077) === 0) return;
  if (ownedByOthers(st)) {
    throw new VaultFileError(`${what} belongs to another user, so it was not opened.`);
  }
  // Group and others lose their access; the owner keeps what it had (a read-only vault stays so).
  try {
    chmodSync(path, st.mode & 0o700);
  } catch {
    throw new VaultFileError(
      `${what} can be read by others and its permissions cannot be narrowed, so it was not opened.`,
    );
  }
}

/** Creates the vault file 0600, refusing to follow a link or reuse a file that appeared meanwhile. */
function createFile(path: string): void {
  try {
    closeSync(
      openSync(
        path,
        constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0),
        0o600,
      ),
    );
  } catch (e) {
    throw new VaultFileError(
      errno(e) === 'EEXIST'
        ? 'A file appeared where the new vault was being made, so it was not opened.'
        : `A new vault file cannot be made there (${errno(e) || 'unknown error'}).`,
    );
  }
}

/**
 * The first bytes of an existing vault, read without following a link and
 * with write access asked for, so a read-only file is said before SQLite sees it.
 */
function readHeader(path: string): { header: Buffer; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = errno(e);
    if (code === 'ELOOP')
      throw new VaultFileError('The vault file is a symbolic link, so it was not opened.');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new VaultFileError(READ_ONLY);
    }
    throw new VaultFileError(`The vault file cannot be opened (${code || 'unknown error'}).`);
  }
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(Math.min(size, HEADER_BYTES));
    readSync(fd, header, 0, header.length, 0);
    return { header, size };
  } finally {
    closeSync(fd);
  }
}

/**
 * What the file's own bytes say before SQLite opens it: an empty file is a new
 * vault, anything else must be a whole SQLite database.
 */
function checkHeader(path: string): void {
  const { header, size } = readHeader(path);
  if (size === 0) return;
  if (size < HEADER_BYTES || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw new VaultFileError(
      size < HEADER_BYTES && SQLITE_MAGIC.subarray(0, size).equals(header.subarray(0, 16))
        ? `The vault file is cut short (${size} bytes); it was left as it is, restore it from a backup.`
        : 'The file is not a vault (nor any SQLite database); it was left as it is.',
    );
  }
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  // The page count in the header is valid only when its change counter matches (SQLite's rule).
  const valid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (valid && pages > 0 && size < pages * pageSize) {
    throw new VaultFileError(
      `The vault file is cut short (${size} of ${pages * pageSize} bytes); it was left as it is, restore it from a backup.`,
    );
  }
}

/**
 * Everything checked before SQLite touches the vault: its folder, the file
 * (created here when missing), its -wal and -shm. Throws a VaultFileError and
 * changes nothing but modes when something is wrong.
 */
export function prepareVaultFile(path: string): void {
  checkFolder(dirname(path));
  const st = lstatOrUndefined(path);
  if (st === undefined) createFile(path);
  else checkFile(path, st, 'The vault file');
  // Said before SQLite would open it read-only and fail at the first write (and even when run as root).
  if (st && POSIX && (st.mode & 0o200) === 0) throw new VaultFileError(READ_ONLY);
  for (const suffix of ['-wal', '-shm']) {
    const side = lstatOrUndefined(path + suffix);
    if (side) checkFile(path + suffix, side, `The vault's ${suffix} file`);
  }
  checkHeader(path);
}

/** After SQLite made the -wal and -shm: 0600 like the vault (SQLite copies the mode, but not always). */
export function narrowSideFiles(path: string): void {
  for (const suffix of ['-wal', '-shm']) {
    const side = lstatOrUndefined(path + suffix);
    if (side) checkFile(path + suffix, side, `The vault's ${suffix} file`);
  }
}

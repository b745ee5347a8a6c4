import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `dest` through a private (0600) temporary file beside it, renamed
 * over it once complete: the person already agreed in the save dialog to
 * replace what was there, and must never be left with half of either file.
 * Throws (with the temporary file gone) when any step fails.
 */
export async function replaceFile(dest: string, write: (tmp: string) => void | Promise<void>): Promise<void> {
  const tmp = join(dirname(dest), `.${basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  closeSync(openSync(tmp, 'wx', 0o600));
  try {
    await write(tmp);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** `text` as the whole content of `path` (already created by replaceFile). */
export function writeText(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

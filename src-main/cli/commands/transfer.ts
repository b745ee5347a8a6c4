import { closeSync, openSync, writeSync } from 'node:fs';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { chatOptions, chosenChat, openMessenger, print, vaultOptions, withLogin } from '../session.js';

/** `export CHAT [FILE]`: the chat's pointers, one a line (stdout, or a new file only you can read). */
export async function exportCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, chatOptions);
  const file = positionals[values.hidden ? 0 : 1];
  const text = await withLogin(values, async (m) =>
    m.exportChat((await chosenChat(m, values, positionals)).chat.id),
  );
  if (file === undefined) {
    process.stdout.write(text);
    return 0;
  }
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch {
    throw new CliError(`Cannot create ${file} (it may exist already); nothing was written.`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  const n = text.split('\n').length - 1;
  print(`${n} pointer${n === 1 ? '' : 's'} written to ${file}. Import them with the chat's secret.`);
  return 0;
}

/** `backup FILE`: a copy of the whole vault, as encrypted as the vault. */
export async function backup(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, vaultOptions);
  const [file] = positionals;
  if (file === undefined) throw new CliError('Name the backup file: `clm backup FILE`.');
  await withLogin(values, (m) => m.backup(file));
  print(`Vault backed up to ${file}. It opens with the same master phrase and chat secrets.`);
  return 0;
}

/** `restore-backup FILE`: the vault replaced by a backup; the current one is kept beside it first. */
export async function restoreBackup(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, vaultOptions);
  const [file] = positionals;
  if (file === undefined) throw new CliError('Name the backup to restore: `clm restore-backup FILE`.');
  const m = openMessenger(values);
  try {
    const { previous } = await m.restore(file);
    print(`Vault restored from ${file}. The vault it replaced is kept at ${previous}.`);
  } finally {
    await m.close();
  }
  return 0;
}

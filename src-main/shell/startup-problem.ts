import { VaultFileError } from '../vault/vault-file.js';
import { nativeBuildProblem } from './native-binding.js';

/** Why the app cannot start, in one sentence, and whether choosing another vault file could help. */
export interface StartupProblem {
  readonly message: string;
  readonly canChooseVault: boolean;
  /** Technical detail shown under the sentence (never a stack). */
  readonly detail?: string;
}

const UNREADABLE_CODES = ['EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS'];
const UNREADABLE_SQLITE = [
  'SQLITE_CANTOPEN',
  'SQLITE_PERM',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_AUTH',
];
const CORRUPT_SQLITE = ['SQLITE_NOTADB', 'SQLITE_CORRUPT'];

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0] : String(e)) ?? '';

/** The sentence for a failure a person can act on; undefined for one the app cannot name. */
function knownProblem(e: unknown): string | undefined {
  const code = codeOf(e);
  if (/newer version/i.test(messageOf(e))) {
    return 'This vault was written by a newer version of Chrono-Library Messenger; update the app to open it.';
  }
  // The vault's own checks already speak to a person (src-main/vault/vault-file.ts).
  if (e instanceof VaultFileError) return e.message;
  if (CORRUPT_SQLITE.some((c) => code.startsWith(c))) {
    return 'The vault file is damaged or is not a Chrono-Library Messenger vault.';
  }
  if (UNREADABLE_CODES.includes(code) || UNREADABLE_SQLITE.some((c) => code.startsWith(c))) {
    return 'The vault file cannot be opened for reading and writing; check that it is a file you may change.';
  }
  return undefined;
}

/**
 * What opening the vault threw (better-sqlite3, the file system, or the
 * schema migration refusing a newer vault), said to a person. The newer-vault
 * refusal is a plain Error from src-main/vault/schema.ts, recognised by its
 * sentence; tests/unit/shell pins it with a real vault. Another vault file
 * may help with any of them, except a database module that will not load.
 */
export function vaultOpenProblem(e: unknown, packaged: boolean, vaultPath: string): StartupProblem {
  if (codeOf(e) === 'ERR_DLOPEN_FAILED')
    return { message: nativeBuildProblem(packaged), canChooseVault: false };
  const known = knownProblem(e);
  return {
    message: known ?? 'The vault could not be opened.',
    canChooseVault: true,
    // An unnamed failure keeps its own first line, for whoever helps.
    detail: known ? `Vault: ${vaultPath}` : `Vault: ${vaultPath}\n${messageOf(e)}`,
  };
}

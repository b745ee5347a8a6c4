import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';
import { promptHidden } from './prompt.js';

export interface SecretSources {
  /** --secret on the command line: allowed for `pointer`, but visible in `ps`. */
  readonly inline?: string | undefined;
  /** --secret-file F: the first line of F. */
  readonly file?: string | undefined;
  /** The environment variable to fall back on. */
  readonly env: string;
  /** What the hidden prompt asks, on a terminal. */
  readonly prompt: string;
}

/** First line only, so a trailing newline from `echo > file` is not part of the secret. */
function readSecretFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`Cannot read the secret file ${path}.`);
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/**
 * Where a secret comes from, in order: --secret, --secret-file, the
 * environment, then a hidden prompt when stdin is a terminal. Undefined when
 * none gave one and no prompt is possible.
 */
export async function readSecret(src: SecretSources): Promise<string | undefined> {
  return readGivenSecret(src) ?? (process.stdin.isTTY ? promptHidden(src.prompt) : undefined);
}

/** A secret given ahead (option, file, environment), without prompting. */
export function readGivenSecret(src: Omit<SecretSources, 'prompt'>): string | undefined {
  if (src.inline !== undefined) return src.inline;
  if (src.file !== undefined) return readSecretFile(src.file);
  const fromEnv = process.env[src.env];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined;
}

export async function requireSecret(src: SecretSources): Promise<string> {
  const s = await readSecret(src);
  if (s === undefined || s.trim() === '') {
    throw new CliError(
      `A secret is needed: type it at the prompt on a terminal, or give it with --secret-file F or ${src.env}.`,
    );
  }
  return s;
}

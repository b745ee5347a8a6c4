import { mkdirSync } from 'node:fs';
import type { ChatSummary } from '../../src-shared/types.js';
import { Messenger, type MessengerOptions } from '../service/messenger.js';
import { ServiceError } from '../service/service-error.js';
import { resolveVaultPath, userDataDir } from '../vault/paths.js';
import { VaultFileError } from '../vault/vault-file.js';
import { CliError } from './cli-error.js';
import { cliHost } from './host.js';
import { readSecret, requireSecret } from './secret-input.js';

/** Options every vault command takes. */
export const vaultOptions = {
  vault: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'secret-file': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface VaultValues {
  vault?: string | undefined;
  'passphrase-file'?: string | undefined;
  'secret-file'?: string | undefined;
  json?: boolean | undefined;
}

export function openMessenger(v: VaultValues): Messenger {
  try {
    // The app's own folder may not exist yet (clm before the app ever ran): made like the app makes it.
    // A path the person gave is not built up: a mistyped one is said instead (src-main/vault/vault-file.ts).
    if (v.vault === undefined && process.env.CLM_VAULT === undefined)
      mkdirSync(userDataDir(), { recursive: true, mode: 0o700 });
    return Messenger.open(resolveVaultPath(v.vault), cliHost() satisfies MessengerOptions);
  } catch (e) {
    if (e instanceof VaultFileError)
      throw new CliError(`${e.message.replace(/\.$/, '')} (${resolveVaultPath(v.vault)}).`);
    throw new CliError(`Cannot open the vault at ${resolveVaultPath(v.vault)}.`);
  }
}

export const masterSource = (v: VaultValues, prompt = 'Master phrase: ') => ({
  file: v['passphrase-file'],
  env: 'CLM_PASSPHRASE',
  prompt,
});

export const chatSecretSource = (v: VaultValues, prompt = 'Chat secret: ') => ({
  file: v['secret-file'],
  env: 'CLM_CHAT_SECRET',
  prompt,
});

/** Opens the vault and logs in; remembered chats open with the login. */
export async function loggedIn(v: VaultValues): Promise<Messenger> {
  const m = openMessenger(v);
  const st = m.status();
  if (!st.exists) {
    await m.close();
    throw new CliError(
      `There is no profile in ${m.vaultPath} yet: create one with \`clm init --name NICK\`.`,
    );
  }
  await m.login(await requireSecret(masterSource(v, `Master phrase for ${st.nickname}: `)));
  return m;
}

/** The chat a command names, unlocked with the chat secret given (prompt, env or file) unless remembered. */
export async function unlockedChat(
  m: Messenger,
  v: VaultValues,
  ref: string | undefined,
): Promise<ChatSummary> {
  if (ref === undefined)
    throw new CliError('Name the chat: its number from `clm chats`, or its unique name.');
  const chat = m.findChat(ref);
  if (!chat.locked) return chat;
  const secret = await readSecret(chatSecretSource(v, `Secret of chat "${chat.name}": `));
  if (secret === undefined) {
    throw new ServiceError(
      'chat-locked',
      `Chat "${chat.name}" is locked: give its secret at the prompt, with --secret-file F, or CLM_CHAT_SECRET.`,
    );
  }
  return m.unlockChat(chat.id, secret);
}

/** Options of a command on one chat: `--hidden` stands in place of CHAT, and the chat secret finds it. */
export const chatOptions = { ...vaultOptions, hidden: { type: 'boolean' } } as const;

/**
 * Opens the hidden chat the chat secret (prompt, env or file) finds: each
 * command is a session of its own, so a hidden chat is closed until then.
 */
export async function hiddenChat(m: Messenger, v: VaultValues): Promise<ChatSummary> {
  return m.openHidden(await requireSecret(chatSecretSource(v, 'Secret of the hidden chat: ')));
}

/** The chat a command acts on and the words after it: CHAT first, or none with --hidden. */
export async function chosenChat(
  m: Messenger,
  v: VaultValues & { hidden?: boolean | undefined },
  positionals: string[],
  opened = true,
): Promise<{ chat: ChatSummary; rest: string[] }> {
  if (v.hidden) return { chat: await hiddenChat(m, v), rest: positionals };
  const [ref, ...rest] = positionals;
  if (ref === undefined)
    throw new CliError('Name the chat: its number from `clm chats`, or its unique name (or use --hidden).');
  return { chat: opened ? await unlockedChat(m, v, ref) : m.findChat(ref), rest };
}

/** Runs a command on a logged-in messenger and always closes it (keys wiped) afterwards. */
export async function withLogin<T>(v: VaultValues, fn: (m: Messenger) => Promise<T> | T): Promise<T> {
  const m = await loggedIn(v);
  try {
    return await fn(m);
  } finally {
    await m.close();
  }
}

export const print = (lines: string[] | string): void => {
  process.stdout.write(`${Array.isArray(lines) ? lines.join('\n') : lines}\n`);
};

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

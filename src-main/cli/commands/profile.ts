import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { promptHidden } from '../prompt.js';
import { promptVisible } from '../prompt-visible.js';
import { readSecret } from '../secret-input.js';
import { masterSource, openMessenger, print, vaultOptions, withLogin } from '../session.js';

/** A new phrase: twice at a terminal (typos here lock a person out), once from env or file. */
async function newPhrase(src: { file?: string | undefined; env: string }, what: string): Promise<string> {
  if (src.file === undefined && !process.env[src.env] && process.stdin.isTTY) {
    const a = await promptHidden(`${what}: `);
    const b = await promptHidden(`${what} again: `);
    if (a !== b) throw new CliError('The two phrases differ; nothing was changed.');
    if (a.trim() === '') throw new CliError('The phrase is empty; nothing was changed.');
    return a;
  }
  const s = await readSecret({ ...src, prompt: `${what}: ` });
  if (s === undefined || s.trim() === '') {
    throw new CliError(
      `${what} is needed: type it at the prompt, or give it with ${src.file === undefined ? `${src.env}` : 'the file'}.`,
    );
  }
  return s;
}

export async function init(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { ...vaultOptions, name: { type: 'string' } });
  if (values.name === undefined)
    throw new CliError('--name NICK is needed: the name your messages are signed with.');
  const m = openMessenger(values);
  try {
    if (m.status().exists) throw new CliError(`${m.vaultPath} already holds a profile.`);
    const master = await newPhrase(
      { file: values['passphrase-file'], env: 'CLM_PASSPHRASE' },
      'New master phrase',
    );
    await m.createProfile(values.name, master);
    print(
      `Profile "${values.name.trim()}" created in ${m.vaultPath}. The master phrase is not stored: keep it safe.`,
    );
  } finally {
    await m.close();
  }
  return 0;
}

export async function passwd(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { ...vaultOptions, 'new-passphrase-file': { type: 'string' } });
  const m = openMessenger(values);
  try {
    if (!m.status().exists) throw new CliError(`There is no profile in ${m.vaultPath} yet.`);
    const old = await readSecret(masterSource(values, 'Current master phrase: '));
    if (old === undefined) {
      throw new CliError(
        'The current master phrase is needed (prompt, --passphrase-file F or CLM_PASSPHRASE).',
      );
    }
    await m.login(old);
    const next = await newPhrase(
      { file: values['new-passphrase-file'], env: 'CLM_NEW_PASSPHRASE' },
      'New master phrase',
    );
    await m.changeMaster(old, next);
  } finally {
    await m.close();
  }
  print('Master phrase changed; every chat and message is as it was.');
  return 0;
}

export async function deleteProfile(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { ...vaultOptions, confirm: { type: 'string' } });
  await withLogin(values, async (m) => {
    const word =
      values.confirm ??
      (process.stdin.isTTY
        ? await promptVisible(`This deletes ${m.vaultPath} and every chat in it. Type DELETE to confirm: `)
        : '');
    await m.deleteProfile(word.trim());
    print(`Profile deleted: ${m.vaultPath} and its -wal/-shm are gone.`);
  });
  return 0;
}

import {
  fromBase64Url,
  LIMITS,
  type OpenedPointer,
  openWithSecret,
  parsePaste,
  pointerToText,
  sealWithSecret,
} from '../../core/index.js';
import { intOption, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { requireSecret } from '../secret-input.js';
import { readStdin } from '../stdin.js';

const secretOptions = {
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
} as const;

const chatSecret = (values: { secret?: string | undefined; 'secret-file'?: string | undefined }) =>
  requireSecret({
    inline: values.secret,
    file: values['secret-file'],
    env: 'CLM_CHAT_SECRET',
    prompt: 'Chat secret: ',
  });

const openedLine = (o: OpenedPointer) =>
  JSON.stringify({
    format: o.format,
    chat: o.chat,
    epoch: o.epoch,
    author: o.author,
    text: o.text,
    ...(o.title === undefined ? {} : { title: o.title }),
  });

/** `pointer open`: one JSON line per pointer found; exit 1 when any was refused. */
export async function pointerOpen(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...secretOptions, suffix: { type: 'string' } });
  const input = positionals.length > 0 ? positionals.join('\n') : await readStdin();
  const secret = await chatSecret(values);
  let refused = 0;
  for (const item of parsePaste(input)) {
    const r = item.result.ok ? openWithSecret(item.result.value, secret, values.suffix) : item.result;
    if (r.ok) {
      process.stdout.write(`${openedLine(r.value)}\n`);
    } else {
      refused++;
      process.stdout.write(`${JSON.stringify({ error: r.error.code, message: r.error.message })}\n`);
    }
  }
  return refused > 0 ? 1 : 0;
}

/** `pointer seal`: prints the pointer; sealed v2 unless --legacy. */
export async function pointerSeal(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...secretOptions,
    chat: { type: 'string' },
    author: { type: 'string' },
    legacy: { type: 'boolean' },
    suffix: { type: 'string' },
    k: { type: 'string' },
    epoch: { type: 'string' },
    nonce: { type: 'string' },
    title: { type: 'string' },
  });
  if (values.chat === undefined) throw new CliError('--chat is needed: the chat id to seal for.');
  if (values.author === undefined) throw new CliError('--author is needed: the name the receiver sees.');
  if (positionals.length === 0) throw new CliError('The message text is needed after the options.');
  const legacy = values.legacy === true;
  if (!legacy) {
    if (values.suffix !== undefined) throw new CliError('--suffix only applies to --legacy pointers.');
  } else {
    for (const name of ['k', 'nonce', 'title'] as const) {
      if (values[name] !== undefined) throw new CliError(`--${name} only applies to sealed v2 pointers.`);
    }
  }
  const nonce = values.nonce === undefined ? undefined : fromBase64Url(values.nonce);
  if (values.nonce !== undefined && nonce?.length !== 16) {
    throw new CliError('--nonce must be 16 bytes in unpadded base64url (22 characters).');
  }
  const epoch = intOption('epoch', values.epoch, 0, Number.MAX_SAFE_INTEGER) ?? Math.floor(Date.now() / 1000);
  const k = intOption('k', values.k, LIMITS.kMin, LIMITS.kMax);
  const secret = await chatSecret(values);
  const sealed = sealWithSecret(
    {
      format: legacy ? 'legacy' : 'sealed-v2',
      chat: values.chat,
      author: values.author,
      text: positionals.join(' '),
      epoch,
      ...(k === undefined ? {} : { k }),
      ...(nonce === undefined ? {} : { nonce }),
      ...(values.title === undefined ? {} : { title: values.title }),
      ...(values.suffix === undefined ? {} : { suffix: values.suffix }),
    },
    secret,
  );
  if (!sealed.ok) throw new CliError(sealed.error.message);
  process.stdout.write(`${pointerToText(sealed.value)}\n`);
  return 0;
}

import { ServiceError } from '../service/service-error.js';
import { CliError } from './cli-error.js';
import { chatNew, chats, clear, emptyTrash, forget, info, remember, rename, rm } from './commands/chats.js';
import { importCmd } from './commands/import.js';
import { history, purge, restore, search, send, trash } from './commands/messages.js';
import { pointerOpen, pointerSeal } from './commands/pointer.js';
import { deleteProfile, init, passwd } from './commands/profile.js';
import { usage } from './usage.js';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  'pointer open': pointerOpen,
  'pointer seal': pointerSeal,
  'chat new': chatNew,
  init,
  chats,
  send,
  import: importCmd,
  history,
  search,
  trash,
  restore,
  purge,
  'empty-trash': emptyTrash,
  clear,
  rename,
  info,
  remember,
  forget,
  rm,
  passwd,
  'delete-profile': deleteProfile,
};

/** Global options may come before the command: `clm --vault PATH chats`. They are passed on to it. */
function splitGlobal(argv: string[]): { global: string[]; rest: string[] } {
  const global: string[] = [];
  let i = 0;
  while (
    i < argv.length &&
    (argv[i] === '--vault' || argv[i]?.startsWith('--vault=') || argv[i] === '--json')
  ) {
    const a = argv[i] as string;
    global.push(a);
    if (a === '--vault') global.push(argv[++i] ?? '');
    i++;
  }
  return { global, rest: argv.slice(i) };
}

async function main(argv: string[]): Promise<number> {
  const { global, rest } = splitGlobal(argv);
  const [first, second, ...more] = rest;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    process.stdout.write(usage);
    return first === undefined ? 2 : 0;
  }
  const two = commands[`${first} ${second}`];
  if (two) return two([...global, ...more]);
  const one = commands[first];
  if (one && first !== 'chat' && first !== 'pointer')
    return one([...global, ...(second === undefined ? [] : [second]), ...more]);
  throw new CliError(`Unknown command "${[first, second].filter(Boolean).join(' ')}". See \`clm help\`.`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // CliError and ServiceError carry a sentence meant for the person; anything
    // else is a bug, reported without its stack so no secret in scope reaches a log.
    const known = e instanceof CliError || e instanceof ServiceError;
    const message = known ? e.message : 'Internal error; nothing was changed.';
    process.stderr.write(`clm: ${message}\n`);
    process.exitCode = e instanceof CliError ? e.exitCode : known ? 1 : 70;
  },
);

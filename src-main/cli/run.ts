import { ServiceError } from '../service/service-error.js';
import { CliError } from './cli-error.js';
import { type CliHost, setCliHost } from './host.js';
import { usage } from './usage.js';

type Command = (args: string[]) => Promise<number>;

// Each command's module is loaded when it is run, so `clm help` starts without the vault, the
// crypto and the KDF worker.
const chatCmds = () => import('./commands/chats.js');
const messageCmds = () => import('./commands/messages.js');
const profileCmds = () => import('./commands/profile.js');
const pointerCmds = () => import('./commands/pointer.js');
const transferCmds = () => import('./commands/transfer.js');
const hiddenCmds = () => import('./commands/hidden.js');

const commands: Record<string, () => Promise<Command>> = {
  'pointer open': async () => (await pointerCmds()).pointerOpen,
  'pointer seal': async () => (await pointerCmds()).pointerSeal,
  'chat new': async () => (await chatCmds()).chatNew,
  init: async () => (await profileCmds()).init,
  chats: async () => (await chatCmds()).chats,
  send: async () => (await messageCmds()).send,
  import: async () => (await import('./commands/import.js')).importCmd,
  history: async () => (await messageCmds()).history,
  search: async () => (await messageCmds()).search,
  trash: async () => (await messageCmds()).trash,
  restore: async () => (await messageCmds()).restore,
  purge: async () => (await messageCmds()).purge,
  'empty-trash': async () => (await chatCmds()).emptyTrash,
  clear: async () => (await chatCmds()).clear,
  rename: async () => (await chatCmds()).rename,
  info: async () => (await chatCmds()).info,
  remember: async () => (await chatCmds()).remember,
  forget: async () => (await chatCmds()).forget,
  rm: async () => (await chatCmds()).rm,
  passwd: async () => (await profileCmds()).passwd,
  'delete-profile': async () => (await profileCmds()).deleteProfile,
  export: async () => (await transferCmds()).exportCmd,
  backup: async () => (await transferCmds()).backup,
  // Not `restore`: that name restores a message from the trash, and a slip must not replace a vault.
  'restore-backup': async () => (await transferCmds()).restoreBackup,
  'open-hidden': async () => (await hiddenCmds()).openHidden,
  hide: async () => (await hiddenCmds()).hide,
  unhide: async () => (await hiddenCmds()).unhide,
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

/** Runs one command line (without the program name); resolves to the exit code. */
async function dispatch(argv: string[]): Promise<number> {
  const { global, rest } = splitGlobal(argv);
  const [first, second, ...more] = rest;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    process.stdout.write(usage);
    return first === undefined ? 2 : 0;
  }
  const two = commands[`${first} ${second}`];
  if (two) return (await two())([...global, ...more]);
  const one = commands[first];
  if (one && first !== 'chat' && first !== 'pointer')
    return (await one())([...global, ...(second === undefined ? [] : [second]), ...more]);
  throw new CliError(`Unknown command "${[first, second].filter(Boolean).join(' ')}". See \`clm help\`.`);
}

/**
 * `clm ARGS`: the command's exit code, its one-sentence refusal on stderr.
 * The same for `node clm.js` and for the packaged app run as `… clm ARGS`.
 */
export async function runCli(argv: string[], host: CliHost = {}): Promise<number> {
  setCliHost(host);
  try {
    return await dispatch(argv);
  } catch (e) {
    // CliError and ServiceError carry a sentence meant for the person; anything
    // else is a bug, reported without its stack so no secret in scope reaches a log.
    const known = e instanceof CliError || e instanceof ServiceError;
    const message = known ? e.message : 'Internal error; nothing was changed.';
    process.stderr.write(`clm: ${message}\n`);
    return e instanceof CliError ? e.exitCode : known ? 1 : 70;
  }
}

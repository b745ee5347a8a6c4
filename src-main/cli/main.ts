import { CliError } from './cli-error.js';
import { pointerOpen, pointerSeal } from './commands/pointer.js';
import { usage } from './usage.js';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  'pointer open': pointerOpen,
  'pointer seal': pointerSeal,
};

async function main(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    process.stdout.write(usage);
    return first === undefined ? 2 : 0;
  }
  const two = commands[`${first} ${second}`];
  if (two) return two(rest);
  throw new CliError(`Unknown command "${[first, second].filter(Boolean).join(' ')}". See \`clm help\`.`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A CliError is a sentence meant for the person; anything else is a bug,
    // reported without its stack so no secret in a local can reach a log.
    const message = e instanceof CliError ? e.message : 'Internal error; nothing was changed.';
    process.stderr.write(`clm: ${message}\n`);
    process.exitCode = e instanceof CliError ? e.exitCode : 70;
  },
);

import {
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

// The main process's log, so a person can report a crash: what failed, where
// (error class, a code, the stack frames), never an error's message, which can
// quote a pasted text, a name or a secret. Kept in the user-data folder, 0600,
// rotated so it never grows without bound.

export const LOG_FILE = 'main.log';
/** Over this the log is rotated: main.log becomes main.1.log, and so on up to KEEP files. */
export const LOG_MAX_BYTES = 256 * 1024;
const KEEP = 3;
const MAX_FRAMES = 30;

/**
 * An error as the log keeps it: its class name and code when they are plain
 * identifiers, then the frames V8 wrote after the message (the message itself,
 * even a forged frame inside it, is cut off by its exact length).
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `a thrown ${e === null ? 'null' : typeof e}`;
  const name = /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(e.name) ? e.name : 'Error';
  const rawCode = (e as { code?: unknown }).code;
  const code = typeof rawCode === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(rawCode) ? ` ${rawCode}` : '';
  const frames = framesOf(typeof e.stack === 'string' ? e.stack : '', e.message)
    .slice(0, MAX_FRAMES)
    .map((l) => `    ${l.trim()}`);
  return [`${name}${code}`, ...frames].join('\n');
}

/**
 * The frames after V8's header "Name: message": the header is cut off by the
 * message's exact length, so text in the message (even a line shaped like a
 * frame) never counts; a stack not shaped like that yields no frames.
 */
function framesOf(stack: string, message: string): string[] {
  const head = /^[A-Za-z_$][\w$]*(: )?/.exec(stack);
  if (!head) return [];
  let rest = stack.slice(head[0].length);
  if (head[1] !== undefined) {
    if (!rest.startsWith(message)) return [];
    rest = rest.slice(message.length);
  } else if (message !== '') return [];
  return rest.startsWith('\n') ? rest.split('\n').filter((l) => /^\s+at \S/.test(l)) : [];
}

export interface CrashLog {
  readonly file: string;
  /** An error, by what was being done (a fixed word of the app's, never data). */
  record(where: string, e: unknown): void;
  /** An event without an error object (a renderer gone), in words of the app's. */
  note(line: string): void;
}

/** The log in `dir` (made 0700); writing never throws: a log that cannot be written is skipped. */
export function crashLog(dir: string, maxBytes = LOG_MAX_BYTES): CrashLog {
  const file = join(dir, LOG_FILE);
  const rotated = (n: number) => join(dir, `main.${n}.log`);

  const rotate = () => {
    rmSync(rotated(KEEP - 1), { force: true });
    for (let n = KEEP - 2; n >= 1; n--) {
      try {
        renameSync(rotated(n), rotated(n + 1));
      } catch {
        // Not there yet.
      }
    }
    renameSync(file, rotated(1));
  };

  const append = (entry: string) => {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        // A new log.
      }
      if (size > 0 && size + entry.length > maxBytes) rotate();
      const fd = openSync(
        file,
        constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0),
        0o600,
      );
      try {
        writeSync(fd, entry);
      } finally {
        closeSync(fd);
      }
      if (process.platform !== 'win32') chmodSync(file, 0o600);
    } catch {
      // The log is a help, never a reason to fail.
    }
  };

  const stamp = () => new Date().toISOString();
  return {
    file,
    record: (where, e) => append(`${stamp()} ${where}: ${describeError(e)}\n`),
    note: (line) => append(`${stamp()} ${line}\n`),
  };
}

let installed: { log: CrashLog } | undefined;

/**
 * Logs what would crash the main process (an uncaught exception, or a promise
 * rejection that Node turns into one). A monitor only: the process fails as it
 * would have, with its own reporting. Installed once per process; a later call
 * moves it to the newer log.
 */
export function logUncaught(log: CrashLog): void {
  if (installed) {
    installed.log = log;
    return;
  }
  const current = { log };
  installed = current;
  process.on('uncaughtExceptionMonitor', (e, origin) => current.log.record(origin, e));
}

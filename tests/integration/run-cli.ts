import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
// The same CLI at test costs (see clm-cheap.ts); the default for tests that make vaults.
const cheapCli = fileURLToPath(new URL('./clm-cheap.ts', import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI as a person would (a separate process), without a terminal. */
export function runCli(
  args: string[],
  opts: { input?: string; env?: Record<string, string>; shipped?: boolean } = {},
): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', opts.shipped ? cli : cheapCli, ...args], {
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const jsonLines = (s: string): unknown[] =>
  s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);

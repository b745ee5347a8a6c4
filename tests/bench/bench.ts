/**
 * `npm run bench`: every figure of issue 10 beside its budget, measured on
 * this machine. `--check` exits 1 when one is missed (or could not be
 * measured); `--json` ends with one line of JSON holding exactly the issue's
 * keys; `--runs N` sets how many runs each median takes (default 3).
 * Fixtures are generated in a temporary folder and removed.
 */
import { cpus } from 'node:os';
import { scryptLog2, scryptLog2Noble } from '../../src-main/core/scrypt.js';
import {
  BUDGETS,
  exitCode,
  FIGURE_KEYS,
  type FigureKey,
  type Figures,
  jsonLine,
  judge,
  median,
  parseBenchArgs,
  unlockBudget,
  verdictLine,
} from './budgets.js';
import { vaultFigures } from './vault-bench.js';

const args = parseBenchArgs(process.argv.slice(2));
if ('error' in args) {
  console.error(args.error);
  process.exit(2);
}

const say = (s: string) => console.log(s);
say(
  `Chrono-Library Messenger bench: node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), median of ${args.runs} runs`,
);

const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, null])) as Figures;
const take = (got: Partial<Record<FigureKey, number>>) => {
  for (const k of FIGURE_KEYS) if (typeof got[k] === 'number') figures[k] = got[k] as number;
};

/** Another engineer's part of the bench, loaded if it exists: a missing one leaves its figures not measured. */
async function optional<T>(
  path: string,
  what: string,
  run: (mod: T) => Promise<Partial<Record<FigureKey, number>>>,
) {
  let mod: T;
  try {
    mod = (await import(path)) as T;
  } catch (e) {
    say(`${what}: not measured (${path} could not be loaded: ${(e as Error).message.split('\n')[0]})`);
    return;
  }
  try {
    take(await run(mod));
  } catch (e) {
    say(`${what}: not measured (${(e as Error).message.split('\n')[0]})`);
  }
}

// scrypt, native against noble: the unlock's budget is the native one (the fastest correct one here).
const pw = new TextEncoder().encode(' correct horse battery staple');
const salt = new TextEncoder().encode('CLM bench salt');
const scryptMs = (f: typeof scryptLog2, k: number, runs: number) =>
  median(
    Array.from({ length: runs }, () => {
      const t = performance.now();
      f(pw, salt, k, 64);
      return performance.now() - t;
    }),
  );
const native15 = scryptMs(scryptLog2, 15, 5);
const noble15 = scryptMs(scryptLog2Noble, 15, 5);
const native17 = scryptMs(scryptLog2, 17, args.runs);
const noble17 = scryptMs(scryptLog2Noble, 17, args.runs);
const row = (label: string, value: string) => say(`${label.padEnd(66)} ${value.padStart(14)}`);
row('scrypt k=15, node:crypto native', `${native15.toFixed(1)} ms`);
row('scrypt k=15, @noble/hashes', `${noble15.toFixed(1)} ms`);
row('scrypt k=17, node:crypto native (what the app uses)', `${native17.toFixed(1)} ms`);
row('scrypt k=17, @noble/hashes', `${noble17.toFixed(1)} ms`);

await optional<{ coreFigures: () => Promise<Partial<Record<FigureKey, number>>> }>(
  './core-bench.js',
  'core figures',
  (m) => m.coreFigures(),
);
try {
  take(await vaultFigures(args.runs, say));
} catch (e) {
  say(`vault figures: not measured (${(e as Error).message.split('\n')[0]})`);
}
await optional<{ rendererFigures: () => Promise<Partial<Record<FigureKey, number>>> }>(
  './renderer-bench.js',
  'renderer figures',
  (m) => m.rendererFigures(),
);

const verdicts = judge(figures, { ...BUDGETS, unlockMs: unlockBudget(native17) });
say('');
for (const v of verdicts) say(verdictLine(v));
const missed = verdicts.filter((v) => !v.ok).length;
say(missed === 0 ? 'Every budget met.' : `${missed} figure(s) missed or not measured.`);
if (args.json) say(jsonLine(figures));
process.exitCode = exitCode(args, verdicts);
// The scrypt worker and timers are unref'd; nothing else should keep the process, but do not wait on it.
setTimeout(() => process.exit(), 100).unref();

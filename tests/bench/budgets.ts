/**
 * The bench's figures, their budgets (issue 10) and the command line: kept apart
 * from the timings so a unit test can check --check and --json without running them.
 */

export const FIGURE_KEYS = [
  'legacyOpenPerSec',
  'legacyOpenBulkPerSec',
  'sealedOpenPerSec',
  'sealedOpenBulkPerSec',
  'importPerSec',
  'duplicatesPerSec',
  'firstPageMs',
  'oldestPageMs',
  'searchFirstMs',
  'searchAgainMs',
  'unlockMs',
  'unlockLoopBlockMs',
  'listChatsMs',
  'rendererFirstRenderMs',
  'rendererWorstFrameMs',
  'bundleGzipKB',
] as const;

export type FigureKey = (typeof FIGURE_KEYS)[number];
/** A figure measured, or null when it could not be (never a made-up number). */
export type Figures = Record<FigureKey, number | null>;

export interface Budget {
  readonly label: string;
  readonly unit: string;
  /** At least (throughput) or at most (time, size). */
  readonly min?: number;
  readonly max?: number;
}

export const BUDGETS: Record<FigureKey, Budget> = {
  legacyOpenPerSec: { label: 'legacy pointers opened/s, one at a time', unit: '/s', min: 45_000 },
  legacyOpenBulkPerSec: { label: 'legacy pointers opened/s, in bulk (10,000)', unit: '/s', min: 100_000 },
  sealedOpenPerSec: { label: 'sealed v2 pointers opened/s, one at a time', unit: '/s', min: 40_000 },
  sealedOpenBulkPerSec: { label: 'sealed v2 pointers opened/s, in bulk', unit: '/s', min: 100_000 },
  importPerSec: {
    label: 'import into 10 unlocked chats (10,000, both formats), /s',
    unit: '/s',
    min: 20_000,
  },
  duplicatesPerSec: { label: 'duplicates recognised/s, chat of 100,000', unit: '/s', min: 20_000 },
  firstPageMs: { label: 'chat of 100,000: first page (200) after unlock', unit: 'ms', max: 30 },
  oldestPageMs: { label: 'chat of 100,000: oldest page (200)', unit: 'ms', max: 30 },
  searchFirstMs: { label: 'chat of 100,000: first search right after unlock', unit: 'ms', max: 300 },
  searchAgainMs: { label: 'chat of 100,000: a later search', unit: 'ms', max: 30 },
  // Set at run time from the native scrypt measured beside it (see unlockBudget).
  unlockMs: { label: 'chat unlock at k = 17', unit: 'ms' },
  unlockLoopBlockMs: { label: 'main event loop blocked during an unlock, longest', unit: 'ms', max: 20 },
  listChatsMs: { label: 'vault of 1,000 chats: open and list', unit: 'ms', max: 100 },
  rendererFirstRenderMs: {
    label: 'renderer, 100,000 messages: first render after data',
    unit: 'ms',
    max: 200,
  },
  rendererWorstFrameMs: { label: 'renderer: worst frame (Home, End, scrollbar drag)', unit: 'ms', max: 50 },
  bundleGzipKB: { label: 'renderer bundle, gzipped', unit: 'KB', max: 250 },
};

/**
 * An unlock is one scrypt at the chat's cost plus a few milliseconds of work:
 * its budget is the fastest correct scrypt measured here (node's native one)
 * and a margin of a quarter and 50 ms for the rest and the machine's noise.
 */
export const unlockBudget = (nativeScryptMs: number): Budget => ({
  ...BUDGETS.unlockMs,
  max: Math.round(nativeScryptMs * 1.25 + 50),
});

export interface BenchArgs {
  readonly check: boolean;
  readonly json: boolean;
  /** Runs per figure; the median is reported. */
  readonly runs: number;
}

/** The command line, or one sentence saying what is wrong with it. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs | { error: string } {
  let check = false;
  let json = false;
  let runs = 3;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--check') check = true;
    else if (a === '--json') json = true;
    else if (a === '--runs' || a.startsWith('--runs=')) {
      const v = a === '--runs' ? argv[++i] : a.slice('--runs='.length);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 50)
        return { error: '--runs takes a whole number from 1 to 50.' };
      runs = n;
    } else return { error: `Unknown argument "${a}": use --check, --json and --runs N.` };
  }
  return { check, json, runs };
}

export interface Verdict {
  readonly key: FigureKey;
  readonly value: number | null;
  readonly budget: Budget;
  /** Missing figures fail: a figure not measured is not a figure met. */
  readonly ok: boolean;
}

export function judge(figures: Figures, budgets: Record<FigureKey, Budget> = BUDGETS): Verdict[] {
  return FIGURE_KEYS.map((key) => {
    const value = figures[key];
    const budget = budgets[key];
    const measured = typeof value === 'number' && Number.isFinite(value);
    const hasBudget = budget.min !== undefined || budget.max !== undefined;
    const ok =
      measured &&
      hasBudget &&
      (budget.min === undefined || value >= budget.min) &&
      (budget.max === undefined || value <= budget.max);
    return { key, value: measured ? value : null, budget, ok };
  });
}

const num = (n: number) =>
  n.toLocaleString('en-US', { maximumFractionDigits: n < 100 ? 1 : 0, minimumFractionDigits: 0 });

export function verdictLine(v: Verdict): string {
  const b = v.budget;
  const limit =
    b.min !== undefined
      ? `>= ${num(b.min)}`
      : b.max !== undefined
        ? `<= ${num(b.max)} ${b.unit}`
        : 'no budget';
  const value = v.value === null ? 'not measured' : `${num(v.value)}${b.unit === '/s' ? '/s' : ` ${b.unit}`}`;
  return `${b.label.padEnd(66)} ${value.padStart(14)}   budget ${limit.padEnd(14)} ${v.ok ? 'ok' : 'MISSED'}`;
}

/** The --json line: exactly the issue's keys, in its order, null for what was not measured. */
export function jsonLine(figures: Figures): string {
  const out: Record<string, number | null> = {};
  for (const k of FIGURE_KEYS) {
    const v = figures[k];
    out[k] = typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10) / 10 : null;
  }
  return JSON.stringify(out);
}

/** The exit code: with --check, 1 when any figure missed its budget or was not measured. */
export const exitCode = (args: BenchArgs, verdicts: readonly Verdict[]): number =>
  args.check && verdicts.some((v) => !v.ok) ? 1 : 0;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

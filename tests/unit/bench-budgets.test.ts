import { describe, expect, it } from 'vitest';
import {
  BUDGETS,
  exitCode,
  FIGURE_KEYS,
  type Figures,
  jsonLine,
  judge,
  median,
  parseBenchArgs,
  unlockBudget,
  verdictLine,
} from '../bench/budgets.js';

/** Every figure exactly on its budget (the unlock's set as the bench sets it). */
function allOnBudget(): Figures {
  const f = {} as Figures;
  for (const k of FIGURE_KEYS) f[k] = BUDGETS[k].min ?? BUDGETS[k].max ?? 1000;
  return f;
}
const budgets = { ...BUDGETS, unlockMs: unlockBudget(800) };

describe('bench arguments and budgets', () => {
  it('reads --check, --json and --runs, and refuses anything else with a sentence', () => {
    expect(parseBenchArgs([])).toEqual({ check: false, json: false, runs: 3 });
    expect(parseBenchArgs(['--check', '--json', '--runs', '5'])).toEqual({
      check: true,
      json: true,
      runs: 5,
    });
    expect(parseBenchArgs(['--runs=1'])).toEqual({ check: false, json: false, runs: 1 });
    expect(parseBenchArgs(['--chek'])).toEqual({ error: expect.stringContaining('--chek') });
    expect(parseBenchArgs(['--runs', '0'])).toHaveProperty('error');
    expect(parseBenchArgs(['--runs'])).toHaveProperty('error');
  });

  it('--check passes only when every figure is measured and within its budget', () => {
    const check = { check: true, json: false, runs: 3 };
    const met = judge(allOnBudget(), budgets);
    expect(met.every((v) => v.ok)).toBe(true);
    expect(exitCode(check, met)).toBe(0);

    const slow = judge({ ...allOnBudget(), importPerSec: 19_999 }, budgets);
    expect(slow.filter((v) => !v.ok).map((v) => v.key)).toEqual(['importPerSec']);
    expect(exitCode(check, slow)).toBe(1);
    expect(exitCode({ ...check, check: false }, slow)).toBe(0);

    const late = judge({ ...allOnBudget(), firstPageMs: 30.5, unlockMs: 1051 }, budgets);
    expect(late.filter((v) => !v.ok).map((v) => v.key)).toEqual(['firstPageMs', 'unlockMs']);

    const missing = judge(
      { ...allOnBudget(), rendererFirstRenderMs: null, bundleGzipKB: Number.NaN },
      budgets,
    );
    expect(missing.filter((v) => !v.ok).map((v) => v.key)).toEqual(['rendererFirstRenderMs', 'bundleGzipKB']);
    expect(exitCode(check, missing)).toBe(1);
    expect(verdictLine(missing.find((v) => v.key === 'bundleGzipKB') as never)).toMatch(
      /not measured.*MISSED/,
    );
  });

  it('an unlock has no budget until the native scrypt beside it gives one', () => {
    expect(judge(allOnBudget()).find((v) => v.key === 'unlockMs')?.ok).toBe(false);
    expect(unlockBudget(800).max).toBe(1050);
  });

  it('--json prints exactly the issue keys, in order, null for what was not measured', () => {
    const line = jsonLine({ ...allOnBudget(), bundleGzipKB: null, firstPageMs: 12.345 });
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
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
    ]);
    expect(parsed.bundleGzipKB).toBeNull();
    expect(parsed.firstPageMs).toBe(12.3);
    expect(line).not.toContain('\n');
  });

  it('reports medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

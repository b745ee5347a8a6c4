#!/usr/bin/env node
// The full bad-input and crash runs of issue 11, which `npm test` runs shortened:
// 100,000 generated pastes and 100,000 random router calls (each call under a
// second), and 20 imports of 10,000 pointers killed with SIGKILL at random moments.
//
//   node scripts/fuzz.mjs [--seed N]
//
// A failure names its case and the seed that reproduces it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--seed');
const seed = at > 0 ? process.argv[at + 1] : String(Date.now() >>> 0);
console.log(`fuzz: full run, seed ${seed}`);
const r = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', 'tests/integration/fuzz', '--reporter', 'verbose'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CLM_FUZZ_FULL: '1', CLM_FUZZ_SEED: seed } },
);
process.exit(r.status ?? 1);

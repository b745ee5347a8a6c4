import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The workflow cannot run here; this reads it as data and checks what it promises: the real
// Electron binary tested on the three systems, and installers kept as artifacts.

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly 'runs-on': string;
  readonly strategy: { readonly matrix: { readonly os: string[] } };
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}

const workflow = parse(readFileSync(join(import.meta.dirname, '../../.github/workflows/ci.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
};
const [job] = Object.values(workflow.jobs) as [Job];
const runs = job.steps.map((s) => s.run ?? '');

describe('the code host CI workflow', () => {
  it('runs on Linux, Windows and macOS, on pushes and pull requests', () => {
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow's own ${{ }} syntax, not a template.
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('prepares the real Electron binary and requires the Electron tests to run, not skip', () => {
    expect(job.env?.CLM_ELECTRON_TESTS).toBe('required');
    const prepare = runs.findIndex((r) => r.includes('scripts/prepare-electron.mjs'));
    const firstTest = runs.findIndex((r) => /\bnpm test\b/.test(r));
    expect(prepare).toBeGreaterThan(-1);
    expect(firstTest).toBeGreaterThan(prepare);
    // The shell spec honours the same switch.
    const spec = readFileSync(join(import.meta.dirname, '../electron/shell.spec.ts'), 'utf8');
    expect(spec).toContain("process.env.CLM_ELECTRON_TESTS === 'required'");
  });

  it('tests under xvfb on Linux and directly elsewhere', () => {
    const linux = job.steps.find((s) => s.if === "runner.os == 'Linux'");
    const others = job.steps.find((s) => s.if === "runner.os != 'Linux'");
    expect(linux?.run).toBe('xvfb-run -a npm test');
    expect(others?.run).toBe('npm test');
  });

  it('builds the installers and keeps every target as an artifact', () => {
    expect(runs).toContain('npm run dist');
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const paths = String(upload?.with?.path ?? '');
    for (const ext of ['AppImage', 'deb', 'exe', 'dmg']) expect(paths).toContain(`dist/*.${ext}`);
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });
});

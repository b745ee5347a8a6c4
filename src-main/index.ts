// Electron main-process entry: everything Electron-specific lives in ./shell.
import { main } from './shell/app.js';
import { clmArguments, runClmHeadless } from './shell/cli-mode.js';
import type { ShellEnv } from './shell/shell-env.js';

const env: ShellEnv = {
  mainDir: import.meta.dirname,
  argv: process.argv,
  resourcesPath: process.resourcesPath,
  electronVersion: process.versions.electron,
  arch: process.arch,
};

// `<app> clm ARGS` is the command line tool, headless; anything else opens the window.
const clm = clmArguments(process.argv, process.defaultApp === true);
void (clm ? runClmHeadless(clm, env) : main(env));

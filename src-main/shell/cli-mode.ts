import { app } from 'electron';
import { runCli } from '../cli/run.js';
import { electronNativeBinding } from './native-binding.js';
import type { ShellEnv } from './shell-env.js';

/**
 * The clm arguments when the app was started as a command, `<app> clm ARGS`
 * (packaged; the deb's /usr/bin/clm does exactly that) or `electron . clm
 * ARGS` (a checkout); undefined for a normal launch.
 */
export function clmArguments(argv: readonly string[], defaultApp: boolean): string[] | undefined {
  const [first, ...rest] = argv.slice(defaultApp ? 2 : 1);
  return first === 'clm' ? rest : undefined;
}

/**
 * Runs one clm command in the app's own process, as keepassxc-cli does beside
 * KeePassXC: no window, no single-instance lock (the app may be open on the
 * same vault), the app's own build of better-sqlite3; then exits with the
 * command's code.
 */
export async function runClmHeadless(args: string[], env: ShellEnv): Promise<void> {
  app.dock?.hide();
  const binding = electronNativeBinding(env);
  if ('problem' in binding) {
    process.stderr.write(`clm: ${binding.problem}\n`);
    app.exit(1);
    return;
  }
  app.exit(await runCli(args, { nativeBinding: binding.file }));
}

import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Chrono-Library Messenger';
export const VAULT_FILE_NAME = 'vault.sqlite';

/**
 * The desktop app's user-data folder, as Electron's app.getPath('userData')
 * gives it, computed without Electron so the CLI finds the same vault.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** --vault wins, then CLM_VAULT, then the user-data folder. */
export function resolveVaultPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.CLM_VAULT ?? join(userDataDir(env), VAULT_FILE_NAME);
}

import type { Messenger, MessengerOptions } from '../service/messenger.js';

/**
 * What the shell takes from its process, handed in by src-main/index.ts so a
 * test can hand in its own (the main bundle's folder, the command line, the
 * resources folder and versions only Electron's process has).
 */
export interface ShellEnv {
  /** The main bundle's folder (out/main); the renderer and preload are found from it. */
  readonly mainDir: string;
  /** This launch's command line; a second launch's arrives with its event. */
  readonly argv: readonly string[];
  /** A packaged app's resources folder (process.resourcesPath). */
  readonly resourcesPath: string;
  /** process.versions.electron: the native build must have been made for it. */
  readonly electronVersion: string;
  readonly arch: string;
  /** Opens the messenger; Messenger.open unless a test lowers the scrypt cost. */
  readonly openMessenger?: (path: string, opts: MessengerOptions) => Messenger;
}

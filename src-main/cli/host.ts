/**
 * What the program running `clm` provides: under Node nothing (the Node build
 * of better-sqlite3 in node_modules); inside the packaged app, the Electron
 * build of better-sqlite3 that the app ships (src-main/shell/cli-mode.ts).
 * One command runs per process, so it is set once, before the command.
 */
export interface CliHost {
  readonly nativeBinding?: string;
  /**
   * Lower scrypt costs, for throwaway vaults in tests only: passed in-process
   * (tests/integration/clm-cheap.ts). No environment variable or flag reaches
   * them, so the shipped `clm` always uses the product's costs.
   */
  readonly profileLog2N?: number;
  readonly chatLog2N?: number;
}

let current: CliHost = {};

export const cliHost = (): CliHost => current;

export function setCliHost(host: CliHost): void {
  current = host;
}

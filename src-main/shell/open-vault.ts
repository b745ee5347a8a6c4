import { dirname } from 'node:path';
import { dialog } from 'electron';
import type { Messenger } from '../service/messenger.js';
import type { StartupProblem } from './startup-problem.js';

const QUIT = 0;
const CHOOSE = 1;

/** Says what went wrong, with a way out: Quit, or (when it could help) choose another vault file. */
export function explainStartupProblem(problem: StartupProblem): 'quit' | 'choose' {
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: 'Chrono-Library Messenger',
    message: problem.message,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    buttons: problem.canChooseVault ? ['Quit', 'Choose Another Vault…'] : ['Quit'],
    defaultId: QUIT,
    cancelId: QUIT,
    noLink: true,
  });
  return problem.canChooseVault && choice === CHOOSE ? 'choose' : 'quit';
}

/**
 * Opens the vault before any window exists, so a vault that cannot be opened
 * is explained instead of surfacing as an exception later. Loops until a
 * vault opens or the person quits (undefined). A chosen file is used for this
 * session only; the next start looks in the usual place again.
 */
export function openVaultOrExplain(
  vaultPath: string,
  open: (path: string) => Messenger,
  problemOf: (e: unknown, path: string) => StartupProblem,
): Messenger | undefined {
  let path = vaultPath;
  for (;;) {
    let problem: StartupProblem;
    try {
      return open(path);
    } catch (e) {
      problem = problemOf(e, path);
    }
    if (explainStartupProblem(problem) === 'quit') return undefined;
    const picked = dialog.showOpenDialogSync({
      title: 'Choose a vault',
      defaultPath: dirname(path),
      properties: ['openFile'],
      filters: [
        { name: 'Vault', extensions: ['sqlite'] },
        { name: 'All files', extensions: ['*'] },
      ],
    })?.[0];
    // Cancelling the file chooser goes back to the explanation.
    if (picked !== undefined) path = picked;
  }
}

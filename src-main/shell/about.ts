import { app, type BrowserWindow, dialog, type MessageBoxOptions } from 'electron';

export const APP_NAME = 'Chrono-Library Messenger';

/**
 * What About says. The pointer format's only write-up is a file in the
 * source repository, and the shell opens no URLs (no openExternal, by
 * design), so the text names the file instead of linking anywhere.
 */
export function aboutText(version: string): Pick<MessageBoxOptions, 'message' | 'detail'> {
  return {
    message: APP_NAME,
    detail: [
      `Version ${version}`,
      'Licence: MIT',
      '',
      'The pointer format is written down in docs/protocol.md in the app’s source repository; it has no web page.',
    ].join('\n'),
  };
}

/** About as a box on the window (a sheet on macOS); asynchronous, so the vault keeps working meanwhile. */
export function showAbout(win: BrowserWindow | undefined): void {
  const box: MessageBoxOptions = {
    type: 'info',
    title: `About ${APP_NAME}`,
    ...aboutText(app.getVersion()),
    buttons: ['OK'],
    noLink: true,
  };
  void (win && !win.isDestroyed() ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}

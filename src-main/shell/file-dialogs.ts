import { join } from 'node:path';
import { app, type BrowserWindow, dialog, type FileFilter } from 'electron';
import type { FileChooser, FileKind } from '../ipc/file-calls.js';

const FILTERS: Record<FileKind, FileFilter[]> = {
  pointers: [
    { name: 'Pointers (text)', extensions: ['txt'] },
    { name: 'All files', extensions: ['*'] },
  ],
  backup: [
    { name: 'Vault backups', extensions: ['sqlite'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/**
 * The system's save and open dialogs, attached to the window (a sheet on
 * macOS) and starting in Documents. Linux asks before replacing a file only
 * when told to; Windows and macOS always ask.
 */
export function fileDialogs(win: () => BrowserWindow | undefined): FileChooser {
  return {
    saveAs: async (o) => {
      const opts: Electron.SaveDialogOptions = {
        title: o.title,
        defaultPath: join(app.getPath('documents'), o.defaultName),
        filters: FILTERS[o.kind],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const w = win();
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts);
      return r.canceled || !r.filePath ? undefined : r.filePath;
    },
    open: async (o) => {
      const opts: Electron.OpenDialogOptions = {
        title: o.title,
        defaultPath: app.getPath('documents'),
        filters: FILTERS[o.kind],
        properties: ['openFile'],
      };
      const w = win();
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? undefined : r.filePaths[0];
    },
  };
}

import type { LocalChatId } from '../../src-shared/types.js';
import type { Messenger } from '../service/messenger.js';
import { ServiceError } from '../service/service-error.js';

/** What a file holds, for the dialog's filters and wording. */
export type FileKind = 'pointers' | 'backup';

/**
 * The system's save and open dialogs, as main shows them (the shell) or a test
 * double answers them. A path always comes from the person, never from the
 * renderer: a page that could name paths could overwrite any file.
 */
export interface FileChooser {
  /** The path to write, or undefined when the person cancels. */
  saveAs(o: {
    readonly title: string;
    readonly defaultName: string;
    readonly kind: FileKind;
  }): Promise<string | undefined>;
  /** The file to read, or undefined when the person cancels. */
  open(o: { readonly title: string; readonly kind: FileKind }): Promise<string | undefined>;
}

/** A file name from a chat's name: what every system accepts, never empty. */
export function fileNameFor(chatName: string): string {
  const safe = chatName
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 60)
    .trim();
  return `${safe || 'chat'} pointers.txt`;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Export, backup and restore: the file calls, each asking the person where. */
export function fileCalls(m: Messenger, files: FileChooser | undefined) {
  const chooser = (): FileChooser => {
    if (!files) throw new ServiceError('bad-input', 'Files cannot be chosen in this window.');
    return files;
  };
  return {
    exportChat: async (a: { chatId: LocalChatId }) => {
      // Read first: a locked or unknown chat is refused before any dialog opens.
      const text = m.exportChat(a.chatId);
      const name = m.listChats().find((c) => c.id === a.chatId)?.name ?? 'chat';
      const path = await chooser().saveAs({
        title: `Export the pointers of ${name}`,
        defaultName: fileNameFor(name),
        kind: 'pointers',
      });
      if (path === undefined) return { saved: false } as const;
      return { saved: true, path, pointers: await m.writeExport(path, text) } as const;
    },
    backupVault: async () => {
      m.requireLogin();
      const path = await chooser().saveAs({
        title: 'Back up the vault',
        defaultName: `Chrono-Library backup ${today()}.sqlite`,
        kind: 'backup',
      });
      if (path === undefined) return { saved: false } as const;
      await m.backup(path, { replace: true });
      return { saved: true, path } as const;
    },
    restoreVault: async () => {
      const path = await chooser().open({ title: 'Restore the vault from a backup', kind: 'backup' });
      if (path === undefined) return { restored: false } as const;
      const { previous } = await m.restore(path);
      return { restored: true, from: path, previous } as const;
    },
  };
}

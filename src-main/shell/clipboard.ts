import { ClipboardItem, clipboard } from 'electron';

// What the app copies (pointers, links) is an offline test of a chat secret
// for whoever reads the clipboard later: it is marked as concealed where the
// system has such a mark, and taken back after the setting's delay.

/** A raw system clipboard format, as Electron's clipboard.write names one. */
const raw = (format: string) => `electron application/osclipboard;format="${format}"`;

/**
 * The marks clipboard history and sync honour on each system: macOS's
 * nspasteboard.org ConcealedType; Windows's history and cloud formats
 * (ExcludeClipboardContentFromMonitorProcessing, and the two flags set to a
 * DWORD 0); elsewhere KDE's password-manager hint, which Klipper and CopyQ read.
 */
export function concealedFormats(platform: NodeJS.Platform): Record<string, Blob> {
  if (platform === 'darwin') return { [raw('org.nspasteboard.ConcealedType')]: new Blob([]) };
  if (platform === 'win32') {
    const dwordZero = () => new Blob([new Uint8Array(4)]);
    return {
      [raw('ExcludeClipboardContentFromMonitorProcessing')]: new Blob([new Uint8Array(1)]),
      [raw('CanIncludeInClipboardHistory')]: dwordZero(),
      [raw('CanUploadToCloudClipboard')]: dwordZero(),
    };
  }
  return { [raw('x-kde-passwordManagerHint')]: new Blob(['secret']) };
}

export interface ClipboardGuard {
  /** Puts the text on the clipboard, concealed, and schedules taking it back. */
  copy(text: string): Promise<void>;
  /** Takes the text back now if the clipboard still holds it (quit), and stops the timer. */
  takeBack(): Promise<void>;
}

/** `delaySeconds` is read at each copy (the setting may change); 0 leaves the text there. */
export function clipboardGuard(delaySeconds: () => number, platform = process.platform): ClipboardGuard {
  let pending: { text: string; timer: NodeJS.Timeout | undefined } | undefined;

  const takeBack = async () => {
    const mine = pending;
    pending = undefined;
    if (!mine) return;
    clearTimeout(mine.timer);
    // Only what the app put there: the person may have copied something else since.
    if ((await clipboard.readText()) === mine.text) await clipboard.clear();
  };

  return {
    async copy(text) {
      if (pending) clearTimeout(pending.timer);
      pending = undefined;
      try {
        await clipboard.write([new ClipboardItem({ 'text/plain': text, ...concealedFormats(platform) })]);
      } catch {
        // A system that refuses a mark still gets the text, which is then taken back as usual.
        await clipboard.writeText(text);
      }
      const seconds = delaySeconds();
      if (seconds <= 0) return;
      const timer = setTimeout(() => void takeBack().catch(() => undefined), seconds * 1000);
      pending = { text, timer };
    },
    takeBack,
  };
}

import { useCallback, useRef, useState } from 'react';
import { missingText, PartCollector } from '../../../src-shared/qr-parts.js';
import { QrImageError, readQrImage } from './readQrImage.js';

/**
 * Reads QR codes from pictures for the import dialog: one picture or many at
 * once, and a series (a pointer too long for one code) gathered across drops
 * in any order. Complete texts go to `onText` (one a line, as a paste of
 * several pointers); a series still missing codes says which, and changes
 * nothing else.
 */
export function useQrReader(onText: (text: string) => void, onError: (sentence: string | undefined) => void) {
  const collector = useRef(new PartCollector());
  const [reading, setReading] = useState(false);
  const [series, setSeries] = useState<string>();

  const readImages = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      onError(undefined);
      setReading(true);
      const texts: string[] = [];
      let problem: string | undefined;
      try {
        for (const file of files) {
          let code: string;
          try {
            code = await readQrImage(file);
          } catch (e) {
            const why = e instanceof QrImageError ? e.message : 'That image could not be read.';
            problem ??= files.length > 1 ? `${file.name}: ${why}` : why;
            continue;
          }
          const got = collector.current.add(code);
          if (got.kind === 'text') texts.push(got.text);
          if (got.kind === 'error') problem ??= got.message;
        }
      } finally {
        setReading(false);
      }
      const pending = collector.current.pending();
      setSeries(
        pending
          ? `Read ${pending.count - pending.missing.length} of the ${pending.count} codes of a long pointer; still to read: ${missingText(pending.missing)}.`
          : undefined,
      );
      if (texts.length > 0) onText(texts.join('\n'));
      onError(problem);
    },
    [onText, onError],
  );

  return { reading, series, readImages };
}

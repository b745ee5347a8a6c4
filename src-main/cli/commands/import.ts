import { readFileSync } from 'node:fs';
import type { ImportOutcome } from '../../../src-shared/types.js';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { outcomeLine } from '../format.js';
import { promptHidden } from '../prompt.js';
import { readQrSeries } from '../qr-image.js';
import { readGivenSecret } from '../secret-input.js';
import { chatSecretSource, print, printJson, vaultOptions, withLogin } from '../session.js';
import { readStdin } from '../stdin.js';

const needsSecret = (o: ImportOutcome) => o.kind === 'needs-secret' || o.kind === 'new-chat';

/**
 * `import [FILE|-] | import --qr IMAGE.png [IMAGE.png...]`: every pointer in
 * the text (or in the QR codes of the images, a series joined whatever their
 * order; links read as their pointers), one line each. The chat secret
 * given is tried on each pointer whose chat is locked or unknown; at a
 * terminal, with none given, it is asked for once when some pointer needs it.
 */
export async function importCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...vaultOptions,
    name: { type: 'string' },
    suffix: { type: 'string' },
    qr: { type: 'string' },
    hidden: { type: 'boolean' },
  });
  const source = values.qr ?? positionals[0];
  let text: string;
  // With --qr, every file named is an image: a pointer too long for one code comes as a series.
  if (values.qr !== undefined) text = readQrSeries([values.qr, ...positionals]);
  else if (source === undefined || source === '-') text = await readStdin();
  else {
    try {
      text = readFileSync(source, 'utf8');
    } catch {
      throw new CliError(`Cannot read ${source}.`);
    }
  }
  const opts = {
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values.suffix === undefined ? {} : { suffix: values.suffix }),
    ...(values.hidden ? { hidden: true } : {}),
  };
  const outcomes = await withLogin(values, async (m) => {
    // stdin held the pointers, so a prompt is only possible when they came from a file.
    const canPrompt = process.stdin.isTTY && source !== undefined && source !== '-';
    const secret = readGivenSecret(chatSecretSource(values));
    let out = await m.importPaste(text, { ...opts, ...(secret === undefined ? {} : { secret }) });
    if (secret === undefined && canPrompt && out.some(needsSecret)) {
      const asked = await promptHidden('Some pointers need a chat secret. Secret: ');
      // Only the pointers that needed it go round again (each outcome carries its pointer's text).
      const again = out.filter(needsSecret).map((o) => o.pointer);
      const retried = await m.importPaste(again.join('\n'), { ...opts, secret: asked });
      let j = 0;
      out = out.map((o) => (needsSecret(o) ? { ...(retried[j++] as ImportOutcome), offset: o.offset } : o));
    }
    return out;
  });
  if (values.json) printJson(outcomes);
  else print(outcomes.length === 0 ? 'No pointer found.' : outcomes.map((o, i) => outcomeLine(o, i + 1)));
  return outcomes.some((o) => o.kind !== 'stored' && o.kind !== 'duplicate') ? 1 : 0;
}

import { existsSync, readFileSync } from 'node:fs';

/** A file the thief took, by what it is (vault, -wal, -shm, backup). */
export interface StolenFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The vault, its -wal and -shm as they are on disk now, and a backup. */
export function stolen(path: string, backup: string): StolenFile[] {
  return [
    ...['', '-wal', '-shm']
      .filter((s) => existsSync(path + s))
      .map((s) => ({ name: `vault${s}`, bytes: readFileSync(path + s) })),
    { name: 'backup', bytes: readFileSync(backup) },
  ];
}

/**
 * Message texts carry a token of one shape (`mark`, five digits, "Q"), so one
 * pattern finds any of them in the raw bytes, as UTF-8 or as UTF-16.
 */
export function messageTokens(mark: string) {
  const utf16 = [...mark].map((c) => `${c}\\0`).join('');
  return {
    token: (i: number) => `${mark}${String(i).padStart(5, '0')}Q`,
    utf8: new RegExp(`${mark}\\d{5}Q`),
    utf16: new RegExp(`${utf16}(?:\\d\\0){5}Q\\0`),
  };
}

/** What the thief finds: tokens, needles (UTF-8 and UTF-16) and raw pointer bytes, each with where. */
export function findLeaks(
  files: readonly StolenFile[],
  what: {
    readonly tokens: ReturnType<typeof messageTokens>;
    readonly needles: readonly string[];
    readonly raw: readonly Buffer[];
  },
): string[] {
  const found: string[] = [];
  for (const f of files) {
    const latin1 = f.bytes.toString('latin1');
    if (what.tokens.utf8.test(latin1)) found.push(`a message text (UTF-8) in ${f.name}`);
    if (what.tokens.utf16.test(latin1)) found.push(`a message text (UTF-16) in ${f.name}`);
    for (const n of what.needles)
      for (const enc of ['utf8', 'utf16le'] as const)
        if (f.bytes.includes(Buffer.from(n, enc))) found.push(`${n} (${enc}) in ${f.name}`);
    for (const r of what.raw) if (f.bytes.includes(r)) found.push(`a pointer's data in ${f.name}`);
  }
  return found;
}

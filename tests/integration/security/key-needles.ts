/**
 * Search helpers for keys-in-memory.test.ts: the forms a key's bytes take
 * when a program holds them (raw, hex, base64, base64url, and the 32-bit
 * big-endian words a hand-written hash keeps in an Int32Array), and searches
 * of a heap snapshot's strings and of a live process's memory.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

export interface Key {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface Hit {
  readonly key: string;
  readonly form: string;
  readonly where: string;
}

/**
 * The base64 characters that depend on the key's bytes alone, for each of the
 * three alignments the key can have inside a longer encoded value.
 */
function base64Forms(bytes: Uint8Array, url: boolean): string[] {
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), Buffer.from(bytes), Buffer.alloc(2)]);
    const text = padded.toString(url ? 'base64url' : 'base64');
    const first = Math.ceil((shift * 8) / 6);
    const last = Math.floor(((shift + bytes.length) * 8) / 6);
    forms.push(text.slice(first, last));
  }
  return forms;
}

/** The key as text: what a snapshot's string table can hold. */
export function textForms(k: Key): { form: string; text: string }[] {
  const b = Buffer.from(k.bytes);
  return [
    { form: 'raw (Latin-1 string)', text: b.toString('latin1') },
    { form: 'hex', text: b.toString('hex') },
    { form: 'HEX', text: b.toString('hex').toUpperCase() },
    ...base64Forms(k.bytes, false).map((text, i) => ({ form: `base64 (offset ${i})`, text })),
    ...base64Forms(k.bytes, true).map((text, i) => ({ form: `base64url (offset ${i})`, text })),
  ];
}

/** The key as bytes: what a process's memory can hold. */
export function byteForms(k: Key): { form: string; bytes: Buffer }[] {
  const raw = Buffer.from(k.bytes);
  const words = Buffer.from(raw);
  // Big-endian words stored by a little-endian machine: each group of four reversed.
  for (let i = 0; i + 4 <= words.length; i += 4) words.subarray(i, i + 4).reverse();
  // Text forms as V8 stores strings: one byte a character, or UTF-16 when the string needs it.
  const text = textForms(k).filter((f) => !f.form.startsWith('raw'));
  return [
    { form: 'raw bytes', bytes: raw },
    { form: 'big-endian words', bytes: words },
    ...text.map((f) => ({ form: `${f.form} text`, bytes: Buffer.from(f.text, 'latin1') })),
    ...text.map((f) => ({ form: `${f.form} UTF-16 text`, bytes: Buffer.from(f.text, 'utf16le') })),
  ];
}

/** Every string of a V8 heap snapshot file, joined by NUL (which no key form holds). */
export function snapshotStrings(path: string): string {
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as { strings: string[] };
  return snapshot.strings.join('\u0000');
}

export function searchText(keys: readonly Key[], text: string, where: string): Hit[] {
  const hits: Hit[] = [];
  for (const k of keys) {
    for (const f of textForms(k)) if (text.includes(f.text)) hits.push({ key: k.name, form: f.form, where });
  }
  return hits;
}

interface Needle {
  readonly key: string;
  readonly form: string;
  readonly bytes: Buffer;
}

/**
 * Every needle in one pass over the bytes: a bitmap of the needles' first
 * three bytes picks the few offsets worth comparing (hundreds of needles in
 * hundreds of megabytes, where one indexOf per needle would take minutes).
 */
function multiSearch(needles: readonly Needle[]) {
  const bitmap = new Uint8Array(1 << 21);
  const byPrefix = new Map<number, Needle[]>();
  for (const n of needles) {
    const p = ((n.bytes[0] as number) << 16) | ((n.bytes[1] as number) << 8) | (n.bytes[2] as number);
    bitmap[p >> 3] = (bitmap[p >> 3] as number) | (1 << (p & 7));
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), n]);
  }
  return (view: Buffer, found: (n: Needle) => void) => {
    let p = ((view[0] ?? 0) << 8) | (view[1] ?? 0);
    for (let i = 2; i < view.length; i++) {
      p = ((p << 8) | (view[i] as number)) & 0xffffff;
      if (((bitmap[p >> 3] as number) & (1 << (p & 7))) === 0) continue;
      const at = i - 2;
      for (const n of byPrefix.get(p) ?? []) {
        const end = at + n.bytes.length;
        if (end <= view.length && view.compare(n.bytes, 0, n.bytes.length, at, end) === 0) found(n);
      }
    }
  };
}

/**
 * Searches every readable private mapping of a live process (heap, stacks,
 * malloc arenas, off-heap ArrayBuffers, thread heaps, and garbage not yet
 * overwritten): what a heap snapshot cannot show. Reading /proc/PID/mem needs
 * the right to trace the process (the test is its parent); mappings of files
 * are skipped (code and data of the binaries, which hold no key).
 */
export function searchProcessMemory(
  pid: number,
  keys: readonly Key[],
): { hits: Hit[]; scannedBytes: number } {
  const needles = keys.flatMap((k) => byteForms(k).map((f) => ({ key: k.name, ...f })));
  const search = multiSearch(needles);
  const overlap = Math.max(...needles.map((n) => n.bytes.length));
  const hits = new Map<string, Hit>();
  let scannedBytes = 0;
  const mem = openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
      const [range, perms, , , inode, path = ''] = line.trim().split(/\s+/);
      if (!range || !perms?.startsWith('r') || inode !== '0' || path === '[vvar]' || path === '[vsyscall]')
        continue;
      const [lo, hi] = range.split('-').map((x) => Number.parseInt(x, 16)) as [number, number];
      const chunk = Buffer.alloc(Math.min(hi - lo, 16 * 2 ** 20) + overlap);
      for (let at = lo; at < hi; at += chunk.length - overlap) {
        const want = Math.min(chunk.length, hi - at);
        let got: number;
        try {
          got = readSync(mem, chunk, 0, want, at);
        } catch {
          break; // a guard page or a mapping gone meanwhile
        }
        scannedBytes += got;
        search(chunk.subarray(0, got), (n) => {
          const id = `${n.key}|${n.form}`;
          if (!hits.has(id))
            hits.set(id, { key: n.key, form: n.form, where: `memory ${path || 'anonymous'}` });
        });
        if (got < want) break;
      }
    }
  } finally {
    closeSync(mem);
  }
  return { hits: [...hits.values()], scannedBytes };
}

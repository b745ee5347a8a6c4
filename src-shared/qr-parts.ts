import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * A text too long for one QR code, as a numbered series of codes. Each code
 * holds `clm-part:<i>/<n>:<id>:` and a slice of the text, where `id` is the
 * first 8 hex digits of the whole text's SHA-256: it keeps two series apart
 * and proves the joined text whole. The slices are of code points, so no
 * character is ever cut in two. A text that fits one code stays one code,
 * exactly as before: series are only for what one code cannot hold.
 */
export const PART_PREFIX = 'clm-part:';

/**
 * Characters of text per code: with its header, a code of version 25 or so at
 * level M (117 modules a side), which a phone still reads from a screen; the
 * longest message (16,384 characters) takes a few dozen codes.
 */
export const PART_CHARS = 1200;

/** At most this many codes in a series (far more than the longest pointer needs). */
export const MAX_PARTS = 999;

const PART_PATTERN = /^clm-part:([1-9]\d{0,2})\/([1-9]\d{0,2}):([0-9a-f]{8}):/;

const idOf = (text: string) => bytesToHex(sha256(new TextEncoder().encode(text))).slice(0, 8);

/** The codes' texts for `text`: itself alone when `fitsOne(text)`, else a numbered series. */
export function splitForQr(text: string, fitsOne: (t: string) => boolean): string[] {
  if (fitsOne(text)) return [text];
  const chars = [...text];
  const n = Math.ceil(chars.length / PART_CHARS);
  const id = idOf(text);
  return Array.from(
    { length: n },
    (_, i) =>
      `${PART_PREFIX}${i + 1}/${n}:${id}:${chars.slice(i * PART_CHARS, (i + 1) * PART_CHARS).join('')}`,
  );
}

export interface Part {
  readonly index: number;
  readonly count: number;
  readonly id: string;
  readonly slice: string;
}

/** The part a code holds, or undefined when the code is not one (a plain pointer or link). */
export function parsePart(code: string): Part | undefined {
  const m = PART_PATTERN.exec(code);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (index > count || count > MAX_PARTS) return undefined;
  return { index, count, id: m[3] as string, slice: code.slice(m[0].length) };
}

export type Collected =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'partial'; readonly have: number; readonly count: number; readonly missing: number[] }
  | { readonly kind: 'error'; readonly message: string };

/**
 * Gathers the codes of a series in any order, from any number of images, and
 * gives the whole text once every part is in and its digest matches. A code
 * that is not a part is text at once. A new series replaces an unfinished one.
 */
export class PartCollector {
  #id: string | undefined;
  #count = 0;
  #slices = new Map<number, string>();

  add(code: string): Collected {
    const part = parsePart(code);
    if (!part) {
      if (code.startsWith(PART_PREFIX))
        return { kind: 'error', message: 'This QR code is a damaged part of a series; scan it again.' };
      return { kind: 'text', text: code };
    }
    if (part.id !== this.#id || part.count !== this.#count) {
      this.#id = part.id;
      this.#count = part.count;
      this.#slices = new Map();
    }
    this.#slices.set(part.index, part.slice);
    const { missing } = this.pending() ?? { missing: [] };
    if (missing.length > 0)
      return { kind: 'partial', have: part.count - missing.length, count: part.count, missing };
    const text = Array.from({ length: part.count }, (_, i) => this.#slices.get(i + 1)).join('');
    this.reset();
    if (idOf(text) !== part.id)
      return {
        kind: 'error',
        message: 'The codes of this series do not join into what was sent; scan them all again.',
      };
    return { kind: 'text', text };
  }

  /** The series begun and not yet complete, if any. */
  pending(): { readonly count: number; readonly missing: number[] } | undefined {
    if (this.#id === undefined) return undefined;
    const missing: number[] = [];
    for (let i = 1; i <= this.#count; i++) if (!this.#slices.has(i)) missing.push(i);
    return { count: this.#count, missing };
  }

  reset(): void {
    this.#id = undefined;
    this.#count = 0;
    this.#slices = new Map();
  }
}

/** "codes 2, 3 and 7": which are still to be read, as a person says it. */
export function missingText(missing: readonly number[]): string {
  const shown = missing.slice(0, 8).map(String);
  if (missing.length > 8) shown.push(`${missing.length - 8} more`);
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return `${missing.length === 1 ? 'code' : 'codes'} ${list}`;
}

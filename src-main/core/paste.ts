import { LIMITS } from '../../src-shared/limits.js';
import { LINK_PATTERN, linkToText } from '../../src-shared/link.js';
import { parsePointer } from './pointer-parse.js';
import type { Pointer } from './pointer-types.js';
import { fail, type Result } from './result.js';

/** One pointer found in a paste: where it was, its repaired text, and its parse result. */
export interface PasteItem {
  /** Offset of the pointer in the pasted text, for showing a person which one is meant. */
  readonly offset: number;
  readonly text: string;
  readonly result: Result<Pointer>;
}

// “ ” „ ″ (and the low-9 and reversed variants messengers also produce) become ".
const TYPOGRAPHIC_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036]/g;
// White space, including what messengers add invisibly: NBSP, zero-width marks, BOM.
const SPACES = /[\s\u200B-\u200D\u2060\uFEFF]+/g;
// The string values of c, n, d and t never hold white space; messengers insert it.
const SQUEEZED_FIELD = /("[cndt]"\s*:\s*")([^"\\]*)(")/g;

const repairObject = (text: string): string =>
  text.replace(
    SQUEEZED_FIELD,
    (_m, open: string, value: string, close: string) => open + value.replace(SPACES, '') + close,
  );

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/**
 * The outermost balanced {...} spans of the text that hold a quote (a brace
 * pair with no quote in it is prose, not a pointer), string-aware, in one
 * linear pass with no per-character allocation: a paste of millions of "{"
 * costs a few milliseconds. A stray "{" in the prose around a pointer leaves
 * the pointer's own span standing; a truncated pointer at the end is kept so
 * it gets a refusal.
 */
function objectSpans(text: string): { offset: number; text: string }[] {
  const n = text.length;
  // The open braces not yet closed, as a stack of offsets.
  let open = new Int32Array(64);
  let depth = 0;
  // Outermost closed spans holding a quote, in order: a span that closes around earlier ones
  // replaces them. A span with no quote is prose, and so is all it holds: it is not kept.
  const starts: number[] = [];
  const ends: number[] = [];
  let lastQuote = -1;
  // Where the last span closed: a brace left open after it is a pointer cut short.
  let lastEnd = -1;
  const close = (s: number, e: number) => {
    lastEnd = e;
    if (lastQuote < s) return;
    while (starts.length > 0 && (starts[starts.length - 1] as number) >= s) {
      starts.pop();
      ends.pop();
    }
    starts.push(s);
    ends.push(e);
  };
  let inString = false;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === BACKSLASH) i++;
      else if (ch === QUOTE) {
        inString = false;
        lastQuote = i;
      } else if (ch === OPEN && text.charCodeAt(i + 1) === QUOTE && isLetter(text.charCodeAt(i + 2))) {
        // In valid JSON a letter never follows the quote that ends a string, so `{"v`
        // here means the object was cut short inside a string and a new one starts:
        // the cut one gets its own refusal instead of swallowing the pointers after it.
        close(open[depth - 1] as number, i);
        depth = 0;
        inString = false;
        i--;
      }
      // A raw line break inside a value is what messengers do to long values:
      // keep scanning, the repair joins the value again.
    } else if (ch === QUOTE) {
      lastQuote = i;
      inString = depth > 0;
    } else if (ch === OPEN) {
      if (depth === open.length) {
        const grown = new Int32Array(open.length * 2);
        grown.set(open);
        open = grown;
      }
      open[depth++] = i;
    } else if (ch === CLOSE && depth > 0) {
      close(open[--depth] as number, i + 1);
    }
  }
  const spans = starts.map((s, j) => ({ offset: s, text: text.slice(s, ends[j]) }));
  // The first brace left open after the last span (the stack is in text order).
  let truncated = -1;
  for (let j = 0; j < depth; j++) {
    if ((open[j] as number) >= lastEnd) {
      truncated = open[j] as number;
      break;
    }
  }
  if (truncated >= 0 && lastQuote > truncated) spans.push({ offset: truncated, text: text.slice(truncated) });
  return spans;
}

/**
 * Finds every pointer in a paste: one, many separated by anything, a JSON
 * array, or clm:// links (each read as the pointers it carries). Repairs what
 * messengers do to pasted text, then applies the strict rules to each; each
 * pointer gets its own result and none stops the rest.
 */
/**
 * Bytes of `s` in UTF-8, without encoding it: the paste limit is in bytes, and
 * a string's length (UTF-16 units) undercounts most scripts up to threefold.
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two units, four bytes.
      n += 2;
      i++;
    } else n += 2; // the rest of the BMP, and a lone surrogate (written as U+FFFD)
  }
  return n;
}

// A UTF-16 unit is at most three UTF-8 bytes: most pastes need no count at all.
const tooLarge = (s: string) =>
  s.length > LIMITS.pasteBytes || (s.length * 3 > LIMITS.pasteBytes && utf8Length(s) > LIMITS.pasteBytes);

export function parsePaste(input: string): PasteItem[] {
  if (tooLarge(input)) return parseText(input);
  const items: PasteItem[] = [];
  let plain = '';
  let last = 0;
  for (const m of input.matchAll(LINK_PATTERN)) {
    // The text around links keeps its length (blanked), so offsets still point into the paste.
    plain += input.slice(last, m.index) + ' '.repeat(m[0].length);
    last = m.index + m[0].length;
    const link = linkToText(m[0]);
    if (!link.ok) items.push({ offset: m.index, text: m[0], result: fail('bad-link', link.error) });
    else for (const it of parseText(link.text)) items.push({ ...it, offset: m.index });
  }
  if (items.length === 0) return parseText(input);
  plain += input.slice(last);
  // Words around a link are a message, not a broken pointer; pointers pasted beside links still count.
  if (plain.includes('{')) items.push(...parseText(plain));
  return items.sort((a, b) => a.offset - b.offset);
}

function parseText(input: string): PasteItem[] {
  // A paste larger than this is refused whole: thousands of pointers fit well within it.
  if (tooLarge(input)) {
    return [
      {
        offset: 0,
        text: '',
        result: fail(
          'too-large',
          `This paste is larger than ${LIMITS.pasteBytes / 2 ** 20} MiB; import it in parts.`,
        ),
      },
    ];
  }
  const text = input.replace(TYPOGRAPHIC_QUOTES, '"');
  // Text around the objects is ignored.
  const spans = objectSpans(text);
  if (spans.length === 0) {
    // Nothing object-like: let the strict parser say precisely what it is (empty, not JSON, an array...).
    return [{ offset: 0, text: input.trim(), result: parsePointer(text) }];
  }
  return spans.map((s) => {
    const repaired = repairObject(s.text);
    return { offset: s.offset, text: repaired, result: parsePointer(repaired) };
  });
}

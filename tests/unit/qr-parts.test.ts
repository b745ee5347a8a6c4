/**
 * A pointer too long for one QR code travels as a numbered series: whatever
 * order the codes are read in, the receiver gets back exactly the text sent,
 * or one sentence saying what is missing or wrong; never a wrong text.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_PARTS,
  missingText,
  PART_CHARS,
  PartCollector,
  parsePart,
  splitForQr,
} from '../../src-shared/qr-parts.js';

const never = () => false;
const shuffle = <T>(xs: T[], seed: number): T[] => {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};
const joinAll = (codes: string[]) => {
  const c = new PartCollector();
  const results = codes.map((code) => c.add(code));
  // The first whole text, or else what the last code said (partial, or an error).
  return results.find((r) => r.kind === 'text') ?? results.at(-1);
};

describe('QR series', () => {
  it('a text that fits one code stays that one code, unchanged', () => {
    expect(splitForQr('{"v":2}', () => true)).toEqual(['{"v":2}']);
  });

  it.each([
    ['ASCII', 'x'.repeat(PART_CHARS * 3 + 17)],
    ['emoji and other astral characters, never cut in two', '😀𝄞a'.repeat(PART_CHARS)],
    ['exactly two parts', 'y'.repeat(PART_CHARS * 2)],
  ])('%s: joined back exactly, in any order, with repeats', (_name, text) => {
    const codes = splitForQr(text, never);
    expect(codes.length).toBe(Math.ceil([...text].length / PART_CHARS));
    for (const code of codes) expect(/\p{Cs}/u.test(parsePart(code)?.slice ?? '\ud800')).toBe(false);
    for (const seed of [1, 2, 3]) {
      // A code read twice before the series is whole changes nothing.
      const order = shuffle(codes, seed);
      order.splice(1, 0, order[0] as string);
      expect(joinAll(order)).toEqual({ kind: 'text', text });
    }
  });

  it('says which codes are still missing', () => {
    const codes = splitForQr('z'.repeat(PART_CHARS * 5), never);
    const c = new PartCollector();
    c.add(codes[0] as string);
    expect(c.add(codes[3] as string)).toEqual({ kind: 'partial', have: 2, count: 5, missing: [2, 3, 5] });
    expect(missingText([2, 3, 5])).toBe('codes 2, 3 and 5');
    expect(missingText([4])).toBe('code 4');
    expect(c.pending()).toEqual({ count: 5, missing: [2, 3, 5] });
  });

  it('a plain pointer read between two codes of a series is its own text; the series goes on', () => {
    const codes = splitForQr('q'.repeat(PART_CHARS * 2), never);
    const c = new PartCollector();
    expect(c.add(codes[0] as string).kind).toBe('partial');
    expect(c.add('{"v":2,"c":"x"}')).toEqual({ kind: 'text', text: '{"v":2,"c":"x"}' });
    expect(c.add(codes[1] as string)).toEqual({ kind: 'text', text: 'q'.repeat(PART_CHARS * 2) });
  });

  it('a code of another series starts that series; codes of two never mix', () => {
    const a = splitForQr('a'.repeat(PART_CHARS * 2), never);
    const b = splitForQr('b'.repeat(PART_CHARS * 2), never);
    const c = new PartCollector();
    c.add(a[0] as string);
    c.add(b[1] as string);
    expect(c.add(a[1] as string)).toMatchObject({ kind: 'partial', missing: [1] });
  });

  it('an altered slice is caught when the series is joined, and nothing is given', () => {
    const codes = splitForQr('m'.repeat(PART_CHARS * 2), never);
    const altered = `${(codes[1] as string).slice(0, -1)}n`;
    expect(joinAll([codes[0] as string, altered])).toEqual({
      kind: 'error',
      message: 'The codes of this series do not join into what was sent; scan them all again.',
    });
  });

  it.each([
    'clm-part:0/2:0123abcd:x',
    'clm-part:3/2:0123abcd:x',
    'clm-part:1/2:0123ABCD:x',
    'clm-part:1/2:0123abc:x',
    `clm-part:1/${MAX_PARTS + 1}:0123abcd:x`,
    'clm-part:1/2',
  ])('a damaged header (%s) is refused in one sentence', (code) => {
    expect(new PartCollector().add(code)).toEqual({
      kind: 'error',
      message: 'This QR code is a damaged part of a series; scan it again.',
    });
  });
});

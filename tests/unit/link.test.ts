import { describe, expect, it } from 'vitest';
import { openWithSecret, parsePaste, pointerToText } from '../../src-main/core/index.js';
import { LIMITS } from '../../src-shared/limits.js';
import { LINK_PREFIX, linkToText, pointersToLink } from '../../src-shared/link.js';
import { legacyVectors, sealedVectors } from './vectors.js';

const sealed = sealedVectors[0] as (typeof sealedVectors)[number];
const legacy = legacyVectors[0] as (typeof legacyVectors)[number];

/** What a paste yields, as the texts the import would use (or the refusal). */
const read = (text: string) =>
  parsePaste(text).map((it) => (it.result.ok ? pointerToText(it.result.value) : it.result.error.code));

describe('clm:// links', () => {
  it('carry a pointer that opens exactly as the pointer itself', () => {
    const link = pointersToLink([sealed.pointer]) as string;
    expect(link.startsWith(LINK_PREFIX)).toBe(true);
    expect(link).toMatch(/^clm:\/\/import\?p=[A-Za-z0-9_-]+$/);
    const [item] = parsePaste(link);
    expect(item?.result.ok).toBe(true);
    if (!item?.result.ok) return;
    const opened = openWithSecret(item.result.value, sealed.secret);
    expect(opened.ok && opened.value.text).toBe(sealed.text);
  });

  it('one link carries several pointers, of both formats', () => {
    const link = pointersToLink([sealed.pointer, legacy.pointer]) as string;
    expect(read(link)).toEqual([sealed.pointer, legacy.pointer].map((p) => read(p)[0]));
  });

  it('are read where a messenger put them: in a sentence, beside a plain pointer', () => {
    const link = pointersToLink([sealed.pointer]) as string;
    const paste = `here it is: ${link} (and the old one) ${legacy.pointer} thanks!`;
    const items = parsePaste(paste);
    expect(items.map((it) => it.result.ok)).toEqual([true, true]);
    // Each item says where in the paste it was: the link, then the plain pointer.
    expect(items.map((it) => it.offset)).toEqual([paste.indexOf('clm://'), paste.indexOf('{')]);
  });

  it.each([
    ['a character outside base64url', `${LINK_PREFIX}abc$def`, /not a clm:\/\/import link|damaged/],
    ['a payload of impossible length', `${LINK_PREFIX}a`, /damaged/],
    ['stray trailing bits (a second spelling)', `${LINK_PREFIX}QR`, /damaged/],
    ['bytes that are not UTF-8', `${LINK_PREFIX}_w`, /does not hold text/],
    ['another host', 'clm://open?p=e30', /not a clm:\/\/import link/],
  ])('refuse %s with one sentence', (_why, link, sentence) => {
    const r = linkToText(link);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(sentence);
  });

  it('a damaged link in a paste is one refusal, and the pointers beside it still count', () => {
    const items = parsePaste(`${LINK_PREFIX}QR ${sealed.pointer}`);
    expect(items.map((it) => (it.result.ok ? 'ok' : it.result.error.code))).toEqual(['bad-link', 'ok']);
    const bad = items[0];
    expect(bad?.result.ok === false && bad.result.error.message).toMatch(/damaged/);
  });

  it('are never longer than a system hands to the app; a longer one is refused, not cut', () => {
    const many = Array.from({ length: 200 }, () => sealed.pointer);
    expect(pointersToLink(many)).toBeUndefined();
    expect(linkToText(LINK_PREFIX + 'A'.repeat(LIMITS.linkChars)).ok).toBe(false);
    const fits = pointersToLink(many.slice(0, 40)) as string;
    expect(fits.length).toBeLessThanOrEqual(LIMITS.linkChars);
    expect(read(fits)).toHaveLength(40);
  });
});

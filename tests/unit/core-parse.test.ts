import { describe, expect, it } from 'vitest';
import { fromBase64Url, parsePointer, toBase64Url } from '../../src-main/core/index.js';

const legacy = (e: string, c = '"3"') => `{"c": ${c}, "e": ${e}, "d": "6a0c"}`;
const sealed = (k: string, e = '1754660317') =>
  `{"v":2,"c":"H3924_KChejnAg4xKOwvQw","k":${k},"e":${e},"n":"AAAAAAAAAAAAAAAAAAAAAA","d":"AAAA","t":"AAAAAAAAAAAAAAAAAAAAAA"}`;

function refusal(text: string) {
  const r = parsePointer(text);
  if (r.ok) throw new Error(`accepted: ${text}`);
  return r.error;
}

describe('numbers in a pointer are plain decimal integers (issue 11, finding 11)', () => {
  it.each(['1e3', '1E3', '1e+3', '1000.0', '1.0e3', '10000e-1', '-0'])(
    'a legacy "e" of %s is refused',
    (e) => {
      const err = refusal(legacy(e));
      expect(err.code).toBe('bad-field');
      expect(err.message).toContain('"e"');
      expect(err.message).toContain(e);
      expect(err.message).toMatch(/^[A-Z].*\.$/);
    },
  );

  it.each(['1.2e1', '12.0', '120e-1'])('a sealed "k" of %s is refused', (k) => {
    const err = refusal(sealed(k));
    expect(err.code).toBe('bad-field');
    expect(err.message).toContain('"k"');
  });

  it.each(['1.754660317e9', '1754660317.00'])('a sealed "e" of %s is refused', (e) => {
    const err = refusal(sealed('12', e));
    expect(err.code).toBe('bad-field');
    expect(err.message).toContain('"e"');
  });

  it('a legacy chat id written as 3.0 or 3e0 is refused, as the spec writes c plainly too', () => {
    expect(refusal(legacy('1000', '3.0')).message).toContain('"c"');
    expect(refusal(legacy('1000', '3e0')).message).toContain('"c"');
  });

  it('plain integers still parse, to the same values', () => {
    const l = parsePointer(legacy('1000', '3'));
    expect(l.ok && l.value.format === 'legacy' && [l.value.chat, l.value.epoch]).toEqual(['3', 1000]);
    expect(parsePointer(legacy('0')).ok).toBe(true);
    const s = parsePointer(sealed('12', '0'));
    expect(s.ok && s.value.format === 'sealed-v2' && [s.value.k, s.value.epoch]).toEqual([12, 0]);
  });

  it('judges the value that counts: the last of a repeated key, and only top-level keys', () => {
    expect(parsePointer(`{"c":"3","e":1e3,"d":"6a0c","e":1000}`).ok).toBe(true);
    expect(refusal(`{"c":"3","e":1000,"d":"6a0c","e":1e3}`).code).toBe('bad-field');
    expect(parsePointer(`{"x":{"e":1e3,"k":1.5},"y":[2.0],"c":"3","e":1000,"d":"6a0c"}`).ok).toBe(true);
    expect(parsePointer(`{"note":"\\"e\\": 1e3","c":"3","e":1000,"d":"6a0c"}`).ok).toBe(true);
  });

  it('sees a key spelled with escapes as the key it is', () => {
    expect(refusal(`{"c":"3","\\u0065":1e3,"d":"6a0c"}`).message).toContain('"e"');
  });
});

describe('parsing stays strict where it was made faster', () => {
  it('hex of either case decodes; odd length or any other character is refused', () => {
    const r = parsePointer(`{"c":"3","e":1,"d":"00fFaB19"}`);
    expect(r.ok && r.value.data).toEqual(Uint8Array.of(0x00, 0xff, 0xab, 0x19));
    for (const d of ['0', 'abc', '0g', 'zz', '0x00', ' 00', '\u0660\u0660', '\u00ff0']) {
      expect(refusal(`{"c":"3","e":1,"d":${JSON.stringify(d)}}`).message).toContain('"d"');
    }
  });

  it('measures the 256 KiB limit in UTF-8 bytes, not UTF-16 units', () => {
    const fits = `{"c":"3","e":1,"d":"00","x":"${'é'.repeat(131_000)}"}`;
    expect(parsePointer(fits).ok).toBe(true);
    const over = `{"c":"3","e":1,"d":"00","x":"${'é'.repeat(132_000)}"}`;
    expect(refusal(over).code).toBe('too-large');
    const astral = `{"c":"3","e":1,"d":"00","x":"${'😀'.repeat(66_000)}"}`;
    expect(refusal(astral).code).toBe('too-large');
    const lone = `{"c":"3","e":1,"d":"00","x":"${'\ud800'.repeat(88_000)}"}`;
    expect(refusal(lone).code).toBe('too-large');
  });
});

describe('base64url decoding (rewritten for speed) stays canonical-only', () => {
  const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  it('decodes what it encodes, at every length', () => {
    for (let n = 0; n < 80; n++) {
      const b = crypto.getRandomValues(new Uint8Array(n));
      expect(fromBase64Url(toBase64Url(b))).toEqual(b);
    }
  });

  it('refuses any foreign character at any position, padding, and a length of 1 mod 4', () => {
    const good = toBase64Url(crypto.getRandomValues(new Uint8Array(31)));
    for (let i = 0; i < good.length; i++) {
      for (const ch of ['=', '+', '/', ' ', '\u00e9', '\u0100', '\ud83d']) {
        expect(fromBase64Url(good.slice(0, i) + ch + good.slice(i + 1))).toBeUndefined();
      }
    }
    expect(fromBase64Url('AAAAA')).toBeUndefined();
    expect(fromBase64Url('AA==')).toBeUndefined();
  });

  it('refuses non-zero unused bits in the last character', () => {
    for (const last of B64U) {
      const two = fromBase64Url(`AAAAA${last}`); // six characters: four bytes and 4 unused bits
      expect(two === undefined).toBe((B64U.indexOf(last) & 15) !== 0);
      const three = fromBase64Url(`AAAAAA${last}`); // seven characters: five bytes and 2 unused bits
      expect(three === undefined).toBe((B64U.indexOf(last) & 3) !== 0);
    }
  });
});

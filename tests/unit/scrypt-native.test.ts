import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../src-main/core/bytes.js';
import { scryptLog2, scryptLog2Noble } from '../../src-main/core/scrypt.js';

// RFC 7914, section 12: the vector with r = 8, p = 1 (the 2^20 one is left out for time).
const RFC7914 = [
  {
    password: 'pleaseletmein',
    salt: 'SodiumChloride',
    log2N: 14,
    hex:
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
      'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
  },
];

describe('scrypt: native, bit for bit the same as noble', () => {
  it('gives the RFC 7914 vectors', () => {
    for (const v of RFC7914) {
      expect(toHex(scryptLog2(utf8(v.password), utf8(v.salt), v.log2N, 64))).toBe(v.hex);
      expect(toHex(scryptLog2Noble(utf8(v.password), utf8(v.salt), v.log2N, 64))).toBe(v.hex);
    }
  });

  it('matches noble on varied passwords, salts, costs and lengths (empty and non-ASCII included)', () => {
    const cases: [string, string, number, number][] = [
      ['', '', 1, 32],
      ['correct horse battery staple', 'CLM v2 chat H3924_KChejnAg4xKOwvQw', 12, 64],
      ['пароль 🙂', 'соль', 11, 32],
      ['x'.repeat(300), 'y'.repeat(100), 13, 17],
    ];
    for (const [pw, salt, log2N, len] of cases) {
      const native = scryptLog2(utf8(pw), utf8(salt), log2N, len);
      expect(native).toHaveLength(len);
      expect(toHex(native)).toBe(toHex(scryptLog2Noble(utf8(pw), utf8(salt), log2N, len)));
    }
  });

  it('takes the cost asked for, k = 17 and 18 included (a memory limit would refuse them)', () => {
    const pw = utf8('long secret');
    const salt = utf8('salt');
    expect(() => scryptLog2(pw, salt, 18, 64)).not.toThrow();
    expect(toHex(scryptLog2(pw, salt, 15, 32))).not.toBe(toHex(scryptLog2(pw, salt, 14, 32)));
  });
});

import { describe, expect, it } from 'vitest';
import {
  type ChatId,
  deriveSealedKey,
  fingerprintCode,
  fromBase64Url,
  legacyFingerprintBytes,
  openWithSecret,
  parsePointer,
  pointerToText,
  sealedFingerprintBytes,
  sealWithSecret,
} from '../../src-main/core/index.js';
import { legacyVectors, refusedVectors, sealedVectors } from './vectors.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('legacy vectors (made by the original CLM 2.0.1)', () => {
  it.each(legacyVectors.map((v, i) => [i, v] as const))('#%i opens to its author and text', (_i, v) => {
    const p = must(parsePointer(v.pointer));
    const opened = must(openWithSecret(p, v.secret, v.suffix));
    expect(opened).toEqual({
      format: 'legacy',
      chat: v.chat,
      epoch: v.epoch,
      author: v.author,
      text: v.text,
    });
  });

  it.each(legacyVectors.filter((v) => v.suffix_is_default).map((v, i) => [i, v] as const))(
    '#%i opens with the default suffix when none is given',
    (_i, v) => {
      const opened = must(openWithSecret(must(parsePointer(v.pointer)), v.secret));
      expect(opened.text).toBe(v.text);
    },
  );

  it.each(legacyVectors.map((v, i) => [i, v] as const))('#%i seals to the identical text', (_i, v) => {
    const p = must(
      sealWithSecret(
        { format: 'legacy', chat: v.chat, author: v.author, text: v.text, epoch: v.epoch, suffix: v.suffix },
        v.secret,
      ),
    );
    expect(pointerToText(p)).toBe(v.pointer);
  });

  it.each(legacyVectors.map((v, i) => [i, v] as const))('#%i has the fingerprint of the vector', (_i, v) => {
    expect(fingerprintCode(must(legacyFingerprintBytes(v.secret, v.chat, v.suffix)))).toBe(v.fingerprint);
  });
});

describe('sealed v2 vectors', () => {
  it.each(sealedVectors.map((v, i) => [i, v] as const))(
    '#%i opens to its author, text and title',
    (_i, v) => {
      const opened = must(openWithSecret(must(parsePointer(v.pointer)), v.secret));
      expect(opened).toEqual({
        format: 'sealed-v2',
        chat: v.chat,
        epoch: v.epoch,
        author: v.author,
        text: v.text,
        ...(v.title === null ? {} : { title: v.title }),
      });
    },
  );

  it.each(sealedVectors.map((v, i) => [i, v] as const))(
    '#%i seals with its nonce to the identical text',
    (_i, v) => {
      const nonce = fromBase64Url(v.nonce);
      expect(nonce).toBeDefined();
      const p = must(
        sealWithSecret(
          {
            format: 'sealed-v2',
            chat: v.chat,
            k: v.k,
            epoch: v.epoch,
            nonce: nonce as Uint8Array,
            author: v.author,
            text: v.text,
            ...(v.title === null ? {} : { title: v.title }),
          },
          v.secret,
        ),
      );
      expect(pointerToText(p)).toBe(v.pointer);
    },
  );

  it.each(sealedVectors.map((v, i) => [i, v] as const))('#%i has the fingerprint of the vector', (_i, v) => {
    const key = must(deriveSealedKey(v.secret, v.chat as ChatId, v.k));
    expect(fingerprintCode(sealedFingerprintBytes(key))).toBe(v.fingerprint);
  });
});

describe('refused vectors', () => {
  const expected: Record<string, string[]> = {
    'field d altered': ['wrong-secret-or-altered'],
    'field t altered': ['wrong-secret-or-altered'],
    'field e altered': ['wrong-secret-or-altered'],
    'field k altered': ['wrong-secret-or-altered'],
    'field c altered': ['wrong-secret-or-altered'],
    'wrong secret': ['wrong-secret-or-altered'],
    empty: ['empty'],
    'not JSON': ['not-json'],
    'not an object': ['not-an-object'],
    'legacy epoch not an integer': ['bad-field'],
    'legacy hex invalid': ['bad-field'],
    'v2 chat id too short': ['bad-field'],
    'v2 k out of range (would cost 2^40)': ['bad-field'],
    'v2 nonce wrong size / padded': ['bad-field'],
    'unknown version': ['unknown-version'],
  };

  it.each(refusedVectors.map((v) => [v.why, v] as const))('%s is refused with a fitting code', (why, v) => {
    const parsed = parsePointer(v.pointer);
    const result = parsed.ok ? openWithSecret(parsed.value, v.secret) : parsed;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(expected[why] ?? ['(a code chosen for this new vector)']).toContain(result.error.code);
    expect(result.error.message).toMatch(/^[A-Z].*\.$/);
  });
});

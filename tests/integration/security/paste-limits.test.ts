/**
 * Issue 11, finding 9: one paste cannot make the app do unbounded work. A
 * paste's size is counted in bytes, as its limit says, and one paste tries a
 * secret on at most LIMITS.keyTriesPerPaste chats (each try is a scrypt); the
 * rest are refused with a sentence and import in another paste.
 */
import { describe, expect, it } from 'vitest';
import { type ChatId, deriveSealedKey, pointerToText, sealSealed } from '../../../src-main/core/index.js';
import { parsePaste, utf8Length } from '../../../src-main/core/paste.js';
import { LIMITS } from '../../../src-shared/limits.js';
import { freshVaults } from '../service/helpers.js';

const vaults = freshVaults();

describe('what one paste may cost', () => {
  it('counts its size in UTF-8 bytes: a paste of CJK text under the limit in characters but over it in bytes is refused', () => {
    const cjk = '中'.repeat(Math.ceil(LIMITS.pasteBytes / 3) + 1);
    expect(cjk.length).toBeLessThan(LIMITS.pasteBytes);
    const [only, ...rest] = parsePaste(cjk);
    expect(rest).toEqual([]);
    expect(only?.result).toMatchObject({ ok: false, error: { code: 'too-large' } });
    for (const s of ['', 'a', 'é', '中', '😀', 'a😀é中\u{10ffff}', '\ud800 lone'])
      expect(utf8Length(s), s).toBe(Buffer.byteLength(s, 'utf8'));
  });

  it(`tries a secret on at most ${LIMITS.keyTriesPerPaste} new chats; the rest are refused, and import later`, async () => {
    const { m } = await vaults.user('bob');
    const secret = 'one secret for many chats';
    const n = LIMITS.keyTriesPerPaste + 2;
    const pointers = Array.from({ length: n }, (_, i) => {
      const chat = `chat-number-${String(i).padStart(4, '0')}-xx` as ChatId;
      const key = deriveSealedKey(secret, chat, 12);
      if (!key.ok) throw new Error(key.error.message);
      const p = sealSealed(key.value, {
        author: 'alice',
        text: `hello ${i}`,
        epoch: 1_795_000_000 + i,
        nonce: new Uint8Array(16).fill(i),
      });
      if (!p.ok) throw new Error(p.error.message);
      return pointerToText(p.value);
    });
    const out = await m.importPaste(pointers.join('\n'), { secret });
    expect(out.map((o) => o.kind)).toEqual([
      ...Array(LIMITS.keyTriesPerPaste).fill('stored'),
      'refused',
      'refused',
    ]);
    expect(out.at(-1)?.message).toBe(
      `This paste asks the secret of more than ${LIMITS.keyTriesPerPaste} chats; import the rest in another paste.`,
    );
    expect(m.listChats()).toHaveLength(LIMITS.keyTriesPerPaste);
    const again = await m.importPaste(pointers.slice(-2).join('\n'), { secret });
    expect(again.map((o) => o.kind)).toEqual(['stored', 'stored']);
  });
});

/**
 * Keys sealed as bytes (issue 11, finding 5): a chat's data key and a
 * remembered chat's proof and key are sealed in a binary layout, never as
 * base64 in JSON (a string cannot be wiped); boxes written the old way still
 * open. The KDF worker gets the one copy of a password and the caller's is wiped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../src-main/core/bytes.js';
import { scryptLog2 } from '../../../src-main/core/scrypt.js';
import { sealedKeyFromBytes } from '../../../src-main/core/sealed-key.js';
import {
  openChatKeyBox,
  openRememberedBox,
  sealChatKeyBox,
  sealRememberedBox,
} from '../../../src-main/service/chat-secrets.js';
import { KdfPool } from '../../../src-main/service/kdf/kdf-pool.js';
import { open, sealJson } from '../../../src-main/vault/box.js';

const bytes = (n: number, from: number) => Uint8Array.from({ length: n }, (_, i) => (from + i * 7) & 255);
const unlockKey = bytes(32, 1);
const cdk = bytes(32, 100);
const AAD = 'chat-key|00ff';

/** What a box holds once opened, as text: where a base64 copy of a key would show. */
const plainText = (key: Uint8Array, blob: Uint8Array, aad: string) =>
  (open(key, blob, aad) as Buffer).toString('latin1');

describe('a chat data key box', () => {
  it('holds the key as bytes, not as base64 text, and opens to the same key and suffix', () => {
    for (const suffix of [undefined, 'a-suffix', '']) {
      const box = sealChatKeyBox(unlockKey, suffix === undefined ? { cdk } : { cdk, suffix }, AAD);
      const text = plainText(unlockKey, box, AAD);
      expect(text).not.toContain(toBase64Url(cdk).slice(0, 40));
      expect(text).toContain(Buffer.from(cdk).toString('latin1'));
      expect(openChatKeyBox(unlockKey, box, AAD)).toEqual(suffix === undefined ? { cdk } : { cdk, suffix });
    }
  });

  it('written the old way (JSON with base64) still opens', () => {
    const old = sealJson(unlockKey, { cdk: toBase64Url(cdk), suffix: 'old-suffix' }, AAD);
    expect(openChatKeyBox(unlockKey, old, AAD)).toEqual({ cdk, suffix: 'old-suffix' });
    const oldSealed = sealJson(unlockKey, { cdk: toBase64Url(cdk) }, AAD);
    expect(openChatKeyBox(unlockKey, oldSealed, AAD)).toEqual({ cdk });
  });

  it('opens nothing under another key or another row', () => {
    const box = sealChatKeyBox(unlockKey, { cdk }, AAD);
    expect(openChatKeyBox(bytes(32, 2), box, AAD)).toBeUndefined();
    expect(openChatKeyBox(unlockKey, box, 'chat-key|0100')).toBeUndefined();
  });
});

describe('a remembered chat box', () => {
  const dk = bytes(32, 50);
  const proof = bytes(32, 9);
  const K = bytes(64, 200);
  const aad = 'chat-remember|3';
  const sealedChat = { format: 'sealed-v2', wire: 'AAAAAAAAAAAAAAAAAAAAAA', k: 12 } as const;

  it('holds a sealed chat proof and K as bytes, and gives them back', () => {
    const key = sealedKeyFromBytes(sealedChat.wire as never, 12, K);
    const box = sealRememberedBox(dk, proof, { format: 'sealed-v2', key }, aad);
    const text = plainText(dk, box, aad);
    for (const k of [proof, K.subarray(0, 32)]) expect(text).not.toContain(toBase64Url(k).slice(0, 40));
    const opened = openRememberedBox(dk, box, aad, sealedChat);
    expect(opened?.proof).toEqual(proof);
    expect(
      opened?.wire.format === 'sealed-v2' && [...opened.wire.key.enc, ...opened.wire.key.macKey],
    ).toEqual([...K]);
  });

  it('gives a legacy chat its secret back, and refuses a box of the other format', () => {
    const legacyChat = { format: 'legacy', wire: '4242', k: 17 } as const;
    const box = sealRememberedBox(dk, proof, { format: 'legacy', secret: 'the secret', suffix: 's' }, aad);
    const opened = openRememberedBox(dk, box, aad, legacyChat);
    expect(opened?.wire.format === 'legacy' && opened.wire.secret).toBe('the secret');
    expect(openRememberedBox(dk, box, aad, sealedChat)).toBeUndefined();
  });

  it('written the old way (JSON with base64) still opens', () => {
    const old = sealJson(dk, { proof: toBase64Url(proof), wire: toBase64Url(K) }, aad);
    const opened = openRememberedBox(dk, old, aad, sealedChat);
    expect(opened?.proof).toEqual(proof);
    expect(opened?.wire.format === 'sealed-v2' && [...opened.wire.key.macKey]).toEqual([...K.subarray(32)]);
  });
});

describe('the KDF worker', () => {
  const pool = new KdfPool();
  afterAll(() => pool.close());

  it('takes the only copy of the password: the caller’s is wiped, the key is scrypt’s', async () => {
    const password = bytes(24, 33);
    const expected = scryptLog2(password.slice(), bytes(16, 0), 10, 32);
    const pending = pool.scrypt(password, bytes(16, 0), 10, 32);
    expect([...password]).toEqual(new Array(24).fill(0));
    expect(await pending).toEqual(expected);
  });

  it('wipes a Buffer password without disturbing the memory the Buffer shares', async () => {
    const shared = Buffer.from('before|password-in-a-pool|after');
    const password = shared.subarray(7, 25);
    const expected = scryptLog2(Buffer.from(password), bytes(16, 0), 10, 32);
    const key = await pool.scrypt(password, bytes(16, 0), 10, 32);
    expect(key).toEqual(expected);
    expect(shared.toString('latin1')).toBe(`before|${'\0'.repeat(18)}|after`);
  });
});

/**
 * The vault's sealed boxes: what goes in comes out, a box's length tells only
 * its bucket, and a box altered, moved (other associated data) or sealed under
 * another key does not open.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../../../src-main/vault/box.js';
import { isBucket, paddedLength } from '../../../src-main/vault/buckets.js';

const key = randomBytes(32);
const OVERHEAD = 28;

describe('sealed boxes', () => {
  it('open what was sealed, for every length up to 2 KiB and some far longer', () => {
    const lengths = [...Array.from({ length: 2100 }, (_, i) => i), 4095, 4096, 65_536, 100_000];
    for (const n of lengths) {
      // Bytes that look like padding (0x80, zeros) inside and at the end of the value must survive.
      const value = Buffer.alloc(n, 0);
      if (n > 2) value[n - 2] = 0x80;
      if (n > 5) randomBytes(3).copy(value, 0);
      const box = seal(key, value, 'messages.body');
      expect(open(key, box, 'messages.body')?.equals(value), `length ${n}`).toBe(true);
      expect(isBucket(box.length - OVERHEAD), `length ${n} gave ${box.length}`).toBe(true);
    }
  });

  it('values of different lengths within one bucket give boxes of one length', () => {
    const sizes = new Set([1, 10, 40, 63].map((n) => seal(key, Buffer.alloc(n, 0x41), 'chats.meta').length));
    expect([...sizes]).toEqual([64 + OVERHEAD]);
    expect(paddedLength(64)).toBe(64);
    expect(paddedLength(65)).toBe(128);
    expect(paddedLength(1024)).toBe(1024);
    expect(paddedLength(1025)).toBe(2048);
    expect(paddedLength(40_000)).toBe(65_536);
  });

  it('do not open altered, moved, or under another key', () => {
    const box = seal(key, Buffer.from('a name'), 'chats.meta|7');
    expect(open(key, box, 'chats.meta|8')).toBeUndefined();
    expect(open(randomBytes(32), box, 'chats.meta|7')).toBeUndefined();
    for (const at of [0, 12, box.length - 1]) {
      const bad = Buffer.from(box);
      bad[at] = (bad[at] as number) ^ 1;
      expect(open(key, bad, 'chats.meta|7'), `byte ${at}`).toBeUndefined();
    }
    expect(open(key, box.subarray(0, 27), 'chats.meta|7')).toBeUndefined();
  });

  it('a box sealed before padding existed (an older vault) still opens, to the same value', () => {
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    c.setAAD(Buffer.from('profile.settings', 'utf8'));
    const old = Buffer.concat([nonce, c.update('{"autoLockMinutes":5}'), c.final(), c.getAuthTag()]);
    expect(open(key, old, 'profile.settings')?.toString()).toBe('{"autoLockMinutes":5}');
  });
});

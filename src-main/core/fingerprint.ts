import { utf8 } from './bytes.js';
import { fail, ok, type Result } from './result.js';
import { scryptLog2 } from './scrypt.js';
import type { SealedChatKey } from './sealed-key.js';

/** F for a sealed v2 chat: one-way from K_mac, so showing it reveals nothing of the key. */
export const sealedFingerprintBytes = (key: SealedChatKey): Uint8Array => key.mac(utf8('CLM2 fingerprint'));

/** The scrypt input of a legacy chat's F; split out so a worker thread can run the slow part. */
export function legacyFingerprintParams(secret: string, chat: string, suffix: string) {
  const s = secret.trim();
  if (s === '') return fail('empty-secret', 'The chat secret is empty.');
  return ok({
    password: utf8(s),
    salt: utf8(`CLM legacy fingerprint/${chat}/${suffix}`),
    log2N: 15,
    dkLen: 32,
  });
}

/** F for a legacy chat; scrypt at 2^15 because legacy secrets have no slow KDF of their own. */
export function legacyFingerprintBytes(secret: string, chat: string, suffix: string): Result<Uint8Array> {
  const p = legacyFingerprintParams(secret, chat, suffix);
  if (!p.ok) return p;
  return ok(scryptLog2(p.value.password, p.value.salt, p.value.log2N, p.value.dkLen));
}

/** Five groups of five digits, e.g. "82531 76815 16733 23910 88691". */
export function fingerprintCode(F: Uint8Array): string {
  const groups: string[] = [];
  for (const i of [0, 3, 6, 9, 12]) {
    const v = ((F[i] as number) << 16) | ((F[i + 1] as number) << 8) | (F[i + 2] as number);
    groups.push(String(v % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/**
 * A rough strength hint for a master phrase: estimated bits from length and
 * character classes, with a penalty for repeats. It is a hint, not a gate
 * (like Bitwarden's meter); the vault's slow KDF does the real work.
 */
export function strengthHint(phrase: string): { level: 0 | 1 | 2 | 3; label: string } {
  if (phrase.length === 0) return { level: 0, label: '' };
  let pool = 0;
  if (/[a-z]/.test(phrase)) pool += 26;
  if (/[A-Z]/.test(phrase)) pool += 26;
  if (/\d/.test(phrase)) pool += 10;
  if (/[^A-Za-z0-9]/.test(phrase)) pool += 33;
  const unique = new Set(phrase).size;
  const bits = Math.log2(Math.max(pool, 2)) * Math.min(phrase.length, unique * 2);
  if (bits < 40) return { level: 1, label: 'Weak: use a longer phrase, e.g. four or five unrelated words.' };
  if (bits < 70) return { level: 2, label: 'Fair: a few more words would make it strong.' };
  return { level: 3, label: 'Strong.' };
}

import { LIMITS } from './limits.js';

/**
 * clm:// links: one or more pointers as a link a person can click in another
 * messenger. `clm://import?p=<base64url of the pointers' text, one a line>`.
 * The link carries nothing a pointer does not: opening one only fills the
 * import dialog, and importing still needs the person to confirm.
 */
export const LINK_SCHEME = 'clm';
export const LINK_PREFIX = `${LINK_SCHEME}://import?p=`;

/** Where links stand in a text: the prefix and what could be its payload. */
export const LINK_PATTERN = /clm:\/\/import\?p=([A-Za-z0-9_-]*)/g;

const base64Url = (bytes: Uint8Array): string => {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** The link for these pointers' texts; undefined when it would be too long to hand to the system. */
export function pointersToLink(pointers: readonly string[]): string | undefined {
  const link = LINK_PREFIX + base64Url(new TextEncoder().encode(pointers.join('\n')));
  return link.length <= LIMITS.linkChars ? link : undefined;
}

export type LinkText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: string };

const bad = (error: string): LinkText => ({ ok: false, error });

/** The pointers' text a link carries, or the one sentence saying why it is not a link the app made. */
export function linkToText(link: string): LinkText {
  const trimmed = link.trim();
  if (trimmed.length > LIMITS.linkChars) return bad('This clm:// link is longer than any the app makes.');
  if (!trimmed.startsWith(LINK_PREFIX)) return bad('This is not a clm://import link.');
  const payload = trimmed.slice(LINK_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || payload.length % 4 === 1)
    return bad('This clm:// link is damaged (its pointer part is not base64url); ask for it again.');
  let bytes: Uint8Array;
  try {
    const bin = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return bad('This clm:// link is damaged (its pointer part is not base64url); ask for it again.');
  }
  // One spelling only, as for pointers: stray trailing bits mean the link was altered.
  if (base64Url(bytes) !== payload)
    return bad('This clm:// link is damaged (its pointer part is not base64url); ask for it again.');
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return bad('This clm:// link does not hold text; ask for it again.');
  }
}

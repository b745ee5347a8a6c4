/**
 * The renderer's Content Security Policy, once: the shell sends it as a
 * header on app://clm, the test harness serves the same header, and the build
 * writes it into index.html. Scripts and styles only from the app itself; no
 * network, no frames, no plugins.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "object-src 'none'",
] as const;

export const CSP = DIRECTIVES.join('; ');

/** A <meta> policy cannot carry frame-ancestors (browsers ignore it there, with a warning). */
export const META_CSP = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CSP } from '../../src-shared/csp.js';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://clm`;

/** A URL of the app's own pages; anything else is somewhere the window must not go. */
export const isAppUrl = (url: string): boolean => url.startsWith(`${APP_ORIGIN}/`);

/** Must run before app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const notFound = () => new Response('Not found', { status: 404 });

/**
 * Serves the built renderer from app://clm/ instead of file://, so the page
 * has a real origin, a CSP header, and can reach no file outside its folder.
 * Whatever cannot be served (another host, a path leaving the folder, a
 * malformed escape, a missing file) is a 404, never a rejected handler.
 */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir + sep);
  protocol.handle(APP_SCHEME, async (req) => {
    try {
      const url = new URL(req.url);
      if (url.host !== 'clm') return notFound();
      // Decoded before the check: %2e%2e%2f must not walk out of the folder either.
      const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = normalize(join(root, rel));
      if (!file.startsWith(root)) return notFound();
      const res = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', CSP);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(res.body, { status: res.status, headers });
    } catch {
      return notFound();
    }
  });
}

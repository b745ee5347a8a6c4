import type { WebContents } from 'electron';
import { isAppUrl } from './protocol.js';

const guarded = new WeakSet<WebContents>();

/**
 * What every web contents gets, the app's window and any other: it stays on
 * app://clm, opens no windows (no link leaves for the browser either: the app
 * has no pages of its own outside itself to send anyone to), attaches no
 * webview, and is granted no permission, asked for (request) or probed
 * (check). Applied once per contents, whichever of the window and
 * web-contents-created gets there first.
 */
export function guardContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.session.setPermissionRequestHandler((_wc, _permission, done) => done(false));
  contents.session.setPermissionCheckHandler(() => false);
}

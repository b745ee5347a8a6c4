import { fileURLToPath } from 'node:url';
import { ASAR_FILE, ASAR_UNPACKED_DIR, KDF_WORKER_FILE, MAIN_CHUNKS_DIR } from '../../app-paths.mjs';

/** The app.asar folder segment: whole, between separators (so app.asar.unpacked and my-app.asar stay). */
const asarSegment = new RegExp(`(^|[\\\\/])${ASAR_FILE.replaceAll('.', '\\.')}(?=[\\\\/])`);

/**
 * The same file outside the asar archive. Worker threads read their script
 * from a real file, and in a packaged app the worker sits in app.asar, which
 * only Electron's patched fs can read; electron-builder's asarUnpack puts a
 * copy in app.asar.unpacked beside it. Paths outside an asar come back as they are.
 */
export function outsideAsar(path: string): string {
  return path.replace(asarSegment, `$1${ASAR_UNPACKED_DIR}`);
}

/**
 * The bundled scrypt worker, as a file path a Worker can load. It sits in the
 * main bundle's folder; the pool itself (at moduleUrl) is in that folder, or
 * in its chunks folder when the app and `clm` share it.
 */
export function kdfWorkerFile(moduleUrl: string): string {
  const here = new URL('.', moduleUrl);
  const mainDir = here.pathname.endsWith(`/${MAIN_CHUNKS_DIR}/`) ? new URL('..', here) : here;
  return outsideAsar(fileURLToPath(new URL(KDF_WORKER_FILE, mainDir)));
}

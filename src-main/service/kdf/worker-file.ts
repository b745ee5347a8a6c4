import { fileURLToPath } from 'node:url';
import { ASAR_FILE, ASAR_UNPACKED_DIR, KDF_WORKER_FILE } from '../../app-paths.mjs';

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

/** The bundled scrypt worker beside the module at moduleUrl (the main bundle), as a file path a Worker can load. */
export function kdfWorkerFile(moduleUrl: string): string {
  return outsideAsar(fileURLToPath(new URL(`./${KDF_WORKER_FILE}`, moduleUrl)));
}

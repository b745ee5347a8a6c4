import { fileURLToPath } from 'node:url';
import { ASAR_FILE, ASAR_UNPACKED_DIR, MAIN_CHUNKS_DIR } from './app-paths.mjs';

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
 * A bundled worker (an entry of electron.vite.config.ts), as a file path a
 * Worker can load. It sits in the main bundle's folder; the module starting
 * it (at moduleUrl) is in that folder, or in its chunks folder when the app
 * and `clm` share it.
 */
export function bundledWorkerFile(file: string, moduleUrl: string): string {
  const here = new URL('.', moduleUrl);
  const mainDir = here.pathname.endsWith(`/${MAIN_CHUNKS_DIR}/`) ? new URL('..', here) : here;
  return outsideAsar(fileURLToPath(new URL(file, mainDir)));
}

/**
 * From source (tests, `clm` under tsx) a worker is a .ts file: worker threads
 * do not inherit tsx's loader, so this code (run with `eval: true`) registers
 * it inside the worker, then loads the file.
 */
export function sourceWorkerBootstrap(tsFileUrl: string): string {
  const api = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(tsFileUrl)}); });`;
}

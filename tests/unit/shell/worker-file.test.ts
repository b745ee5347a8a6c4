/**
 * The KDF worker in a packaged app: worker threads read their script from a
 * real file, so a worker URL inside app.asar must point into
 * app.asar.unpacked, where electron-builder's asarUnpack puts it.
 */
import { describe, expect, it } from 'vitest';
import { kdfWorkerFile, outsideAsar } from '../../../src-main/service/kdf/worker-file.js';

describe('the KDF worker file', () => {
  it('is beside the main bundle, in app.asar.unpacked when the bundle is in app.asar', () => {
    expect(kdfWorkerFile('file:///opt/Chrono-Library%20Messenger/resources/app.asar/out/main/index.js')).toBe(
      '/opt/Chrono-Library Messenger/resources/app.asar.unpacked/out/main/kdf-worker.js',
    );
  });

  it('is beside the main bundle, unchanged, when the app is not packed (npm start)', () => {
    expect(kdfWorkerFile('file:///home/me/clm/out/main/index.js')).toBe(
      '/home/me/clm/out/main/kdf-worker.js',
    );
  });

  it('is found from a chunk the app shares with clm (out/main/chunks/), packed or not', () => {
    expect(kdfWorkerFile('file:///opt/clm/resources/app.asar/out/main/chunks/kdf-pool-Ab12.js')).toBe(
      '/opt/clm/resources/app.asar.unpacked/out/main/kdf-worker.js',
    );
    expect(kdfWorkerFile('file:///home/me/clm/out/main/chunks/kdf-pool-Ab12.js')).toBe(
      '/home/me/clm/out/main/kdf-worker.js',
    );
  });

  it('maps Windows paths too', () => {
    expect(outsideAsar('C:\\Program Files\\CLM\\resources\\app.asar\\out\\main\\kdf-worker.js')).toBe(
      'C:\\Program Files\\CLM\\resources\\app.asar.unpacked\\out\\main\\kdf-worker.js',
    );
  });

  it.each([
    '/opt/clm/resources/app.asar.unpacked/out/main/kdf-worker.js',
    '/opt/my-app.asar/out/main/kdf-worker.js',
    '/opt/app.asarx/out/main/kdf-worker.js',
    '/opt/clm/out/main/app.asar',
  ])('leaves a path that is not inside app.asar alone: %s', (path) => {
    expect(outsideAsar(path)).toBe(path);
  });
});

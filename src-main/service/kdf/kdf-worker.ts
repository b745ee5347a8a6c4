// Runs scrypt off the main thread: a chat unlock costs about half a second on
// purpose, and the window (or the CLI's prompt) must not freeze meanwhile.
import { parentPort } from 'node:worker_threads';
import { scryptLog2 } from '../../core/scrypt.js';

export interface KdfRequest {
  readonly id: number;
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly log2N: number;
  readonly dkLen: number;
}

export type KdfResponse =
  | { readonly id: number; readonly key: Uint8Array }
  | { readonly id: number; readonly error: string };

// The password arrives transferred (the only copy) and is wiped here whatever happens;
// the key leaves transferred, so no copy of it stays in this thread.
parentPort?.on('message', (req: KdfRequest) => {
  try {
    const key = scryptLog2(req.password, req.salt, req.log2N, req.dkLen);
    req.password.fill(0);
    parentPort?.postMessage({ id: req.id, key } satisfies KdfResponse, [key.buffer as ArrayBuffer]);
  } catch {
    req.password.fill(0);
    parentPort?.postMessage({ id: req.id, error: 'Key derivation failed.' } satisfies KdfResponse);
  }
});

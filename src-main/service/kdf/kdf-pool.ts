import { Worker } from 'node:worker_threads';
import { sourceWorkerBootstrap } from '../../worker-file.js';
import type { KdfRequest, KdfResponse } from './kdf-worker.js';
import { kdfWorkerFile } from './worker-file.js';

/**
 * One scrypt worker thread, started on first use and unref'd so it never keeps
 * a process alive. From source (tests, the CLI under tsx) the worker is the .ts
 * file run through tsx; in the built app it is the bundled kdf-worker.js beside
 * the main bundle, read from app.asar.unpacked when packaged (worker-file.ts).
 */
export class KdfPool {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (k: Uint8Array) => void; reject: (e: Error) => void }>();

  #start(): Worker {
    const w = import.meta.url.endsWith('.ts')
      ? new Worker(sourceWorkerBootstrap(new URL('./kdf-worker.ts', import.meta.url).href), { eval: true })
      : new Worker(kdfWorkerFile(import.meta.url));
    w.unref();
    w.on('message', (res: KdfResponse) => {
      const p = this.#pending.get(res.id);
      if (!p) return;
      this.#pending.delete(res.id);
      if ('key' in res) p.resolve(res.key);
      else p.reject(new Error(res.error));
      if (this.#pending.size === 0) w.unref();
    });
    w.on('error', () => this.#failAll());
    w.on('exit', () => this.#failAll());
    return w;
  }

  #failAll(): void {
    this.#worker = undefined;
    for (const p of this.#pending.values()) p.reject(new Error('Key derivation failed.'));
    this.#pending.clear();
  }

  /**
   * scrypt(password, salt, N = 2^log2N, r = 8, p = 1). The password given is
   * wiped here: its one copy moves to the worker (transferred, not cloned), which
   * wipes it after scrypt. The key comes back transferred too; the caller wipes it.
   */
  scrypt(password: Uint8Array, salt: Uint8Array, log2N: number, dkLen: number): Promise<Uint8Array> {
    this.#worker ??= this.#start();
    const w = this.#worker;
    w.ref();
    const id = this.#nextId++;
    // A copy in an ArrayBuffer of its own: transferring the caller's could detach memory it shares
    // (a Buffer's pool), and a clone would leave a copy in the message queue nobody wipes.
    const sent = new Uint8Array(password);
    password.fill(0);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      w.postMessage({ id, password: sent, salt, log2N, dkLen } satisfies KdfRequest, [sent.buffer]);
    });
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    if (w) await w.terminate();
  }
}

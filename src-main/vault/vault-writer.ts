import { Worker } from 'node:worker_threads';
import { VAULT_WRITER_FILE } from '../app-paths.mjs';
import { bundledWorkerFile, sourceWorkerBootstrap } from '../worker-file.js';
import type { Db } from './open-db.js';
import { type WriteBatch, writeBatch } from './write-batch.js';
import type { WriteRequest, WriteResponse } from './write-worker.js';

/** A write the thread refused: SQLite's own error, with its code, as the main thread would have thrown it. */
export class WriteError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Stores import batches from a thread of its own (write-worker.ts), so an
 * import's disk work (inserts, commit, checkpoints, fsync) runs beside the
 * main thread's routing and opening instead of in turn with it, and the
 * main process is not held while the disk syncs. Batches commit in the order
 * given. Where the thread cannot start (a packaged app missing its unpacked
 * files, say), every batch is written on the main thread instead, by the same
 * function: an import never depends on the thread.
 */
export class VaultWriter {
  readonly #path: string;
  readonly #nativeBinding: string | undefined;
  /** The main thread's connection, for the batches written without the thread. */
  readonly #db: () => Db;
  #worker: Worker | undefined;
  /** Set when the thread failed to run: from then on, batches are written here. */
  #unavailable = false;
  #nextId = 1;
  readonly #pending = new Map<
    number,
    { batch: WriteBatch; resolve: (ids: number[]) => void; reject: (e: Error) => void }
  >();

  /** Starts the thread; tests give one that fails, to see every batch written all the same. */
  readonly #spawn: () => Worker;

  constructor(path: string, db: () => Db, nativeBinding?: string, spawn: () => Worker = spawnWriter) {
    this.#path = path;
    this.#db = db;
    this.#nativeBinding = nativeBinding;
    this.#spawn = spawn;
  }

  /** Whether batches are written by the thread (false once it failed to run: then on the main thread). */
  get threaded(): boolean {
    return !this.#unavailable;
  }

  /** Starts the thread ahead of the first batch (it costs a few tens of milliseconds); idle, it keeps nothing open. */
  warm(): void {
    if (!this.#worker && !this.#unavailable) this.#start();
  }

  /** Stores the batch in one transaction; its row ids (NOT_STORED for a chat gone), once committed. */
  write(batch: WriteBatch): Promise<number[]> {
    if (this.#unavailable) return Promise.resolve().then(() => writeBatch(this.#db(), batch));
    const w = this.#worker ?? this.#start();
    if (!w) return Promise.resolve().then(() => writeBatch(this.#db(), batch));
    const id = this.#nextId++;
    return new Promise<number[]>((resolve, reject) => {
      this.#pending.set(id, { batch, resolve, reject });
      w.ref();
      const req: WriteRequest = {
        id,
        path: this.#path,
        ...(this.#nativeBinding ? { nativeBinding: this.#nativeBinding } : {}),
        batch,
      };
      w.postMessage(req);
    });
  }

  #start(): Worker | undefined {
    let w: Worker;
    try {
      w = this.#spawn();
    } catch {
      this.#unavailable = true;
      return undefined;
    }
    w.unref();
    w.on('message', (res: WriteResponse) => {
      const p = this.#pending.get(res.id);
      if (!p) return;
      this.#pending.delete(res.id);
      if ('ids' in res) p.resolve(res.ids);
      else p.reject(new WriteError(res.error, res.code));
      if (this.#pending.size === 0) w.unref();
    });
    // The thread itself failed (its script or better-sqlite3 could not load): what it was given is
    // written here instead. A batch it had committed before dying would fail here on its blind
    // indexes (unique), which stops the import with an error rather than storing anything twice.
    const fail = () => {
      if (this.#worker !== w) return;
      this.#worker = undefined;
      this.#unavailable = true;
      const left = [...this.#pending.values()];
      this.#pending.clear();
      for (const p of left) {
        try {
          p.resolve(writeBatch(this.#db(), p.batch));
        } catch (e) {
          p.reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    };
    w.on('error', fail);
    w.on('exit', fail);
    this.#worker = w;
    return w;
  }

  /** Stops the thread; batches not yet answered are written here first (close() waits for none). */
  async close(): Promise<void> {
    const w = this.#worker;
    if (!w) return;
    // Let what was sent finish (the thread answers in order), for as long as a busy vault may take.
    for (let waited = 0; this.#pending.size > 0 && waited < 30_000; waited += 5)
      await new Promise((r) => setTimeout(r, 5));
    this.#worker = undefined;
    await w.terminate();
  }
}

/** From source (tests, `clm` under tsx) the .ts file through tsx; built, the bundled file (worker-file.ts). */
const spawnWriter = (): Worker =>
  import.meta.url.endsWith('.ts')
    ? new Worker(sourceWorkerBootstrap(new URL('./write-worker.ts', import.meta.url).href), { eval: true })
    : new Worker(bundledWorkerFile(VAULT_WRITER_FILE, import.meta.url));

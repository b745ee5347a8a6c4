import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type WriteBatch, writeBatch } from './write-batch.js';

/** What the vault writer asks of this thread: one batch into one vault file. */
export interface WriteRequest {
  readonly id: number;
  readonly path: string;
  readonly nativeBinding?: string;
  readonly batch: WriteBatch;
}

export type WriteResponse = { id: number; ids: number[] } | { id: number; error: string; code?: string };

/*
 * The vault writer's thread: stores an import's batches on a connection of
 * its own, so the main thread keeps routing and opening the next batch while
 * SQLite writes, checkpoints and syncs this one. It sees only ciphertext and
 * blind indexes (the service seals every body before sending it), and holds
 * the file only while it writes: opened for each batch, closed after, so the
 * vault can be closed, replaced or deleted from the main thread at any time.
 */
parentPort?.on('message', (req: WriteRequest) => {
  let db: Database.Database | undefined;
  try {
    db = new Database(req.path, {
      fileMustExist: true,
      ...(req.nativeBinding ? { nativeBinding: req.nativeBinding } : {}),
    });
    // The main connection's settings, for what a write needs (open-db.ts): the file is in WAL already.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    const ids = writeBatch(db, req.batch);
    parentPort?.postMessage({ id: req.id, ids } satisfies WriteResponse);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
    parentPort?.postMessage({
      id: req.id,
      error: e instanceof Error ? e.message : String(e),
      ...(code ? { code } : {}),
    } satisfies WriteResponse);
  } finally {
    db?.close();
  }
});

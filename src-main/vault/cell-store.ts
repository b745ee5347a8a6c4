import { randomBytes, randomFillSync } from 'node:crypto';
import type { Db } from './open-db.js';

/**
 * The hidden chats' cells (docs/hidden-chats.md): rows of a random id, a
 * 16-byte tag and a box of one fixed length. This layer knows nothing of
 * keys: a chaff cell and a hidden chat's cell are the same to it, and to
 * anyone reading the file.
 */
export const CELL_TAG = 16;
/** Plaintext of every cell; its box adds a 12-byte nonce and a 16-byte GCM tag. */
export const CELL_PLAIN = 1024;
export const CELL_BOX = 12 + CELL_PLAIN + 16;

/** Cell ids are random 48-bit integers, so a row's id tells nothing of when it was written. */
const randomId = (): number => randomBytes(6).readUIntBE(0, 6) || 1;

export class CellStore {
  readonly #db: Db;
  readonly #s;

  constructor(db: Db) {
    this.#db = db;
    this.#s = {
      box: db.prepare<[Buffer], { box: Buffer }>('SELECT box FROM cells WHERE tag = ?'),
      insert: db.prepare<[number, Buffer, Buffer]>(
        'INSERT OR IGNORE INTO cells (id, tag, box) VALUES (?, ?, ?)',
      ),
      rewrite: db.prepare<[Buffer, Buffer]>('UPDATE cells SET box = ? WHERE tag = ?'),
      retag: db.prepare<[Buffer, Buffer, Buffer]>('UPDATE cells SET tag = ?, box = ? WHERE tag = ?'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cells'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  count = (): number => (this.#s.count.get() as { n: number }).n;

  /** The box stored under a tag, or undefined when no cell has it. */
  box = (tag: Uint8Array): Buffer | undefined => this.#s.box.get(Buffer.from(tag))?.box;

  /** A new cell under `tag` at a random id; refused when the tag is taken. */
  insert(tag: Uint8Array, box: Uint8Array): void {
    checkLengths(tag, box);
    // A random id may meet one in use (about n / 2^48): draw again rather than fail.
    for (let tries = 0; tries < 8; tries++) {
      if (this.#s.insert.run(randomId(), Buffer.from(tag), Buffer.from(box)).changes > 0) return;
      if (this.box(tag)) throw new Error('A cell with this tag exists already.');
    }
    throw new Error('No free cell id was found.');
  }

  /** A new box under an existing tag (same row, same id); false when no cell has the tag. */
  rewrite(tag: Uint8Array, box: Uint8Array): boolean {
    checkLengths(tag, box);
    return this.#s.rewrite.run(Buffer.from(box), Buffer.from(tag)).changes > 0;
  }

  /** Turns the cell under `tag` into chaff: a random tag and box, so nothing of it stays. */
  toChaff(tag: Uint8Array): boolean {
    return this.#s.retag.run(randomBytes(CELL_TAG), randomBytes(CELL_BOX), Buffer.from(tag)).changes > 0;
  }

  /**
   * Copies the write-ahead log into the file and empties it: the log would keep a rewritten
   * cell's earlier box beside its new one, which only a hidden chat's cells ever have.
   */
  checkpoint(): void {
    // Never waits: with another process reading (the app and clm on one vault), the log stays
    // until a later checkpoint, rather than this call holding things up for the busy timeout.
    const wait = this.#db.pragma('busy_timeout', { simple: true }) as number;
    this.#db.pragma('busy_timeout = 0');
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.#db.pragma(`busy_timeout = ${wait}`);
    }
  }

  /**
   * Adds `n` chaff cells: random tags and boxes, like every other cell to whoever lacks the keys.
   * In the caller's transaction when there is one (a message stored), else in its own.
   */
  addChaff(n: number): void {
    if (n <= 0) return;
    if (!this.#db.inTransaction) {
      this.transaction(() => this.addChaff(n));
      return;
    }
    // One call into the system's generator for all of them: an import adds chaff with every message.
    const each = CELL_TAG + CELL_BOX + 6;
    const bytes = randomFillSync(Buffer.allocUnsafe(n * each));
    for (let i = 0; i < n; i++) {
      const at = i * each;
      const tag = bytes.subarray(at, at + CELL_TAG);
      const box = bytes.subarray(at + CELL_TAG, at + CELL_TAG + CELL_BOX);
      const id = bytes.readUIntBE(at + CELL_TAG + CELL_BOX, 6) || 1;
      if (this.#s.insert.run(id, tag, box).changes === 0)
        this.insert(randomBytes(CELL_TAG), randomBytes(CELL_BOX));
    }
  }
}

function checkLengths(tag: Uint8Array, box: Uint8Array): void {
  // A cell of another length would tell itself apart: only a bug could ask for one.
  if (tag.length !== CELL_TAG || box.length !== CELL_BOX) throw new Error('A cell has one fixed size.');
}

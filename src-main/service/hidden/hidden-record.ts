import type { MessageRow } from '../../vault/rows.js';
import type { ChatMeta } from '../records.js';

/**
 * What a hidden chat's record holds, as bytes (keys stay bytes, never text):
 * its stable id, its meta, its data key, the wire key's bytes (a sealed
 * chat's K, so opening needs no second scrypt; a legacy chat keeps its
 * suffix and takes the secret given at opening), and its counters.
 */
export interface HiddenRecord {
  /** A random integer in [2^40, 2^52): the chat's LocalChatId, bound into its bodies. */
  readonly id: number;
  meta: ChatMeta;
  readonly cdk: Uint8Array;
  /** Sealed v2: the 64 bytes of K; legacy: empty. */
  readonly wireKey: Uint8Array;
  readonly suffix: string;
  nextCell: number;
  nextMessage: number;
  readonly createdAt: number;
  lastActivity: number;
}

const VERSION = 1;

class Writer {
  readonly parts: Buffer[] = [];
  u8(n: number) {
    this.parts.push(Buffer.from([n]));
  }
  u32(n: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    this.parts.push(b);
  }
  f64(n: number) {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(n);
    this.parts.push(b);
  }
  bytes(b: Uint8Array) {
    this.u32(b.length);
    this.parts.push(Buffer.from(b));
  }
  text(s: string) {
    this.bytes(Buffer.from(s, 'utf8'));
  }
  done(): Buffer {
    const out = Buffer.concat(this.parts);
    for (const p of this.parts) p.fill(0);
    return out;
  }
}

class Reader {
  #at = 0;
  constructor(private readonly b: Buffer) {}
  #take(n: number): Buffer {
    if (this.#at + n > this.b.length) throw new RangeError('short');
    const out = this.b.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }
  u8 = () => this.#take(1).readUInt8(0);
  u32 = () => this.#take(4).readUInt32BE(0);
  f64 = () => this.#take(8).readDoubleBE(0);
  bytes = () => new Uint8Array(this.#take(this.u32()));
  text = () => Buffer.from(this.bytes()).toString('utf8');
}

export function encodeRecord(r: HiddenRecord): Buffer {
  const w = new Writer();
  w.u8(VERSION);
  w.f64(r.id);
  w.bytes(r.cdk);
  w.bytes(r.wireKey);
  w.text(JSON.stringify(r.meta));
  w.text(r.suffix);
  w.u32(r.nextCell);
  w.u32(r.nextMessage);
  w.f64(r.createdAt);
  w.f64(r.lastActivity);
  return w.done();
}

/** The record, or undefined when these bytes are not one (a bug or a newer app wrote them). */
export function decodeRecord(b: Buffer): HiddenRecord | undefined {
  try {
    const r = new Reader(b);
    if (r.u8() !== VERSION) return undefined;
    return {
      id: r.f64(),
      cdk: r.bytes(),
      wireKey: r.bytes(),
      meta: JSON.parse(r.text()) as ChatMeta,
      suffix: r.text(),
      nextCell: r.u32(),
      nextMessage: r.u32(),
      createdAt: r.f64(),
      lastActivity: r.f64(),
    };
  } catch {
    return undefined;
  }
}

/** A message as the visible table holds it (the body sealed under the chat's data key, as there). */
export function encodeMessage(m: MessageRow): Buffer {
  const w = new Writer();
  w.u8(VERSION);
  w.f64(m.id);
  w.f64(m.epoch);
  w.f64(m.stored_at);
  w.u8(m.trashed);
  w.bytes(m.seen);
  w.bytes(m.body);
  return w.done();
}

export function decodeMessage(chatId: number, b: Buffer): MessageRow | undefined {
  try {
    const r = new Reader(b);
    if (r.u8() !== VERSION) return undefined;
    return {
      id: r.f64(),
      chat_id: chatId,
      epoch: r.f64(),
      stored_at: r.f64(),
      trashed: r.u8(),
      seen: Buffer.from(r.bytes()),
      body: Buffer.from(r.bytes()),
    };
  } catch {
    return undefined;
  }
}

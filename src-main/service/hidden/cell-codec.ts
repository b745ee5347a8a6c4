import { CELL_PLAIN } from '../../vault/cell-store.js';

/**
 * A unit (the chat's record, or one message) cut into cells of CELL_PLAIN
 * bytes. Each cell's plaintext: kind (1), unit number (4), part (2), parts
 * (2), bytes used (2), then the bytes and zero padding. Every cell is one
 * length whatever it carries.
 */
export const KIND_RECORD = 1;
export const KIND_MESSAGE = 2;
const HEADER = 11;
export const CELL_PAYLOAD = CELL_PLAIN - HEADER;
const MAX_PARTS = 0xffff;

export interface Frame {
  readonly kind: number;
  readonly unit: number;
  readonly part: number;
  readonly parts: number;
  readonly data: Buffer;
}

/** How many cells a unit of `n` bytes takes. */
export const partsFor = (n: number): number => Math.max(1, Math.ceil(n / CELL_PAYLOAD));

export function encodeUnit(kind: number, unit: number, bytes: Uint8Array): Buffer[] {
  const parts = partsFor(bytes.length);
  if (parts > MAX_PARTS) throw new Error('A unit this large does not fit in cells.');
  const cells: Buffer[] = [];
  for (let part = 0; part < parts; part++) {
    const chunk = bytes.subarray(part * CELL_PAYLOAD, (part + 1) * CELL_PAYLOAD);
    const cell = Buffer.alloc(CELL_PLAIN);
    cell.writeUInt8(kind, 0);
    cell.writeUInt32BE(unit, 1);
    cell.writeUInt16BE(part, 5);
    cell.writeUInt16BE(parts, 7);
    cell.writeUInt16BE(chunk.length, 9);
    cell.set(chunk, HEADER);
    cells.push(cell);
  }
  return cells;
}

/** A cell's frame; undefined when its header cannot be one this codec wrote. */
export function decodeCell(cell: Uint8Array): Frame | undefined {
  if (cell.length !== CELL_PLAIN) return undefined;
  const b = Buffer.from(cell.buffer, cell.byteOffset, cell.byteLength);
  const kind = b.readUInt8(0);
  const part = b.readUInt16BE(5);
  const parts = b.readUInt16BE(7);
  const used = b.readUInt16BE(9);
  if ((kind !== KIND_RECORD && kind !== KIND_MESSAGE) || part >= parts || used > CELL_PAYLOAD)
    return undefined;
  return { kind, unit: b.readUInt32BE(1), part, parts, data: Buffer.from(b.subarray(HEADER, HEADER + used)) };
}

/** The unit's bytes from all its frames (any order); undefined when one is missing or they disagree. */
export function joinFrames(frames: readonly Frame[]): Buffer | undefined {
  const first = frames[0];
  if (!first || frames.length !== first.parts) return undefined;
  const sorted = [...frames].sort((a, b) => a.part - b.part);
  if (
    sorted.some(
      (f, i) => f.part !== i || f.parts !== first.parts || f.kind !== first.kind || f.unit !== first.unit,
    )
  )
    return undefined;
  return Buffer.concat(sorted.map((f) => f.data));
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared test vectors, copied into tests/vectors so a clone needs no ../shared. */
const load = <T>(name: string): T =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../vectors/${name}`, import.meta.url)), 'utf8')) as T;

export interface LegacyVector {
  pointer: string;
  secret: string;
  suffix: string;
  suffix_is_default: boolean;
  fingerprint: string;
  chat: string;
  epoch: number;
  author: string;
  text: string;
}

export interface SealedVector {
  pointer: string;
  secret: string;
  fingerprint: string;
  chat: string;
  k: number;
  epoch: number;
  nonce: string;
  author: string;
  text: string;
  title: string | null;
}

export interface RefusedVector {
  pointer: string;
  secret: string;
  why: string;
}

export const legacyVectors = load<LegacyVector[]>('legacy-clm.json');
export const sealedVectors = load<SealedVector[]>('sealed-v2.json');
export const refusedVectors = load<RefusedVector[]>('refused.json');

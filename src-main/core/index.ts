// The protocol core: pure functions, no I/O. The spec is shared/docs/pointer-format.md.
export * from './bytes.js';
export * from './drbg.js';
export * from './fingerprint.js';
export * from './legacy.js';
export * from './open-with-secret.js';
export * from './paste.js';
export * from './pointer-parse.js';
export * from './pointer-types.js';
export * from './result.js';
export * from './sealed.js';
export * from './sealed-key.js';

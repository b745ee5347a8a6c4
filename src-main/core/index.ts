// The protocol core: pure functions, no I/O. The spec is docs/protocol.md.
export { defaultLegacySuffix, LEGACY_PRESETS } from '../../src-shared/legacy-chats.js';
// The protocol's limits live with every other shared limit; the core's readers see them here too.
export { charCount, LIMITS } from '../../src-shared/limits.js';
export * from './bytes.js';
export * from './drbg.js';
export * from './fingerprint.js';
export * from './legacy.js';
export * from './open-many.js';
export * from './open-with-secret.js';
export * from './paste.js';
export * from './pointer-parse.js';
export * from './pointer-types.js';
export * from './result.js';
export * from './sealed.js';
export * from './sealed-key.js';

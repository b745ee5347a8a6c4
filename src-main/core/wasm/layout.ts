/** Fixed addresses in the SIMD module's memory (bytes); the caller's data starts at DATA. */
export const LAYOUT = {
  S: 0, // compression scratch state (8 vectors)
  B: 128, // scratch block (16 vectors)
  I: 384, // inner-hash state (8)
  K: 512, // the DRBG's K (8)
  KS: 640, // K's key state (16)
  V: 896, // the DRBG's V (8)
  ZKS: 1024, // key state of the all-zero key, broadcast (16); written by the caller
  FIRST: 1280, // a cached first-block state, broadcast (8); written by the caller
  MACKS: 1408, // a chat's MAC key state, broadcast (16); written by the caller
  DATA: 2048,
} as const;

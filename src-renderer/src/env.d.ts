import type { ClmApi } from '../../src-preload/contract.js';

declare global {
  interface Window {
    /** The bridge: the only way the renderer reaches the app (see src-preload/contract.ts). */
    readonly clm: ClmApi;
  }
}

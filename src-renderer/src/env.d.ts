import type { ClmApi } from '../../src-shared/contract.js';

declare global {
  interface Window {
    /** The bridge: the only way the renderer reaches the app (see src-shared/contract.ts). */
    readonly clm: ClmApi;
  }
}

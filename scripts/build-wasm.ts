/**
 * Re-emits the SIMD SHA-256 module and embeds its bytes in
 * src-main/core/wasm/sha256x4.wasm.ts, so the product needs no tool at run
 * time. Run after changing sha256x4.emit.ts: `npx tsx scripts/build-wasm.ts`
 * (a unit test fails while the embedded copy is stale).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { embeddedWasmSource } from '../src-main/core/wasm/embed.js';

const target = fileURLToPath(new URL('../src-main/core/wasm/sha256x4.wasm.ts', import.meta.url));
writeFileSync(target, embeddedWasmSource());
console.log(`wrote ${target}`);

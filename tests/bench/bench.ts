/**
 * `npm run bench`: how fast the protocol core opens pointers and derives keys on this machine.
 * Each throughput figure runs for about a second; scrypt figures are single derivations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChatId,
  deriveSealedKey,
  drbgKeystream,
  openLegacy,
  openSealed,
  parsePointer,
  pointerToText,
  type Result,
  sealSealed,
  sealWithSecret,
} from '../../src-main/core/index.js';
import { Messenger } from '../../src-main/service/messenger.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

/** Runs `fn` for about `seconds` (after a short warm-up for the JIT); returns calls per second. */
function perSecond(fn: () => void, seconds = 1): number {
  const run = (ms: number) => {
    let calls = 0;
    let batch = 1;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ms) {
      for (let i = 0; i < batch; i++) fn();
      calls += batch;
      elapsed = performance.now() - start;
      // Grow batches while they are short, so the clock is read rarely for fast calls.
      if (elapsed < ms / 20) batch *= 2;
    }
    return (calls * 1000) / elapsed;
  };
  run(200);
  return run(seconds * 1000);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function scryptMs(k: number, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    must(deriveSealedKey('correct horse battery staple', `bench-chat-${k}-${i}-xxxxxx` as ChatId, k));
    times.push(performance.now() - start);
  }
  return times;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const line = (label: string, value: string) => console.log(`${label.padEnd(72)} ${value}`);

// A typical message: "alice: " plus a short sentence, 60 bytes of plaintext.
const author = 'alice';
const text = 'Meet at the library at noon, bring the blue notebook.';
const secret = 'correct horse battery staple';
const epoch = 1_754_660_317;

const legacyText = pointerToText(
  must(sealWithSecret({ format: 'legacy', chat: '3', author, text, epoch }, secret)),
);
const legacyBytes = new TextEncoder().encode(`${author}: ${text}`).length;

const chat = 'H3924_KChejnAg4xKOwvQw' as ChatId;
const key = must(deriveSealedKey(secret, chat, 12));
const sealedText = pointerToText(
  must(sealWithSecret({ format: 'sealed-v2', chat, k: 12, author, text, epoch }, secret)),
);

console.log(
  `Chrono-Library Messenger core bench: node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)`,
);

const legacyRate = perSecond(() => {
  const p = must(parsePointer(legacyText));
  if (p.format !== 'legacy') throw new Error('not legacy');
  must(openLegacy(secret, 'chat_3', p));
});
line(`legacy pointers opened/s (parse + openLegacy, ${legacyBytes} B msg)`, fmt(legacyRate));

const sealedRate = perSecond(() => {
  const p = must(parsePointer(sealedText));
  if (p.format !== 'sealed-v2') throw new Error('not sealed');
  must(openSealed(key, p));
});
const sealedBytes = JSON.stringify({ a: author, m: text }).length;
line(`sealed v2 pointers opened/s (parse + openSealed, cached key, ${sealedBytes} B)`, fmt(sealedRate));

const MB = 1024 * 1024;
const seed = new Uint8Array(48).fill(7);
const drbgRate = perSecond(() => drbgKeystream(seed, MB));
line('DRBG keystream MB/s (1 MiB per call)', fmt(drbgRate, 1));

const ms15 = scryptMs(15, 5);
line('scrypt ms at k=15 (deriveSealedKey, median of 5)', `${fmt(median(ms15), 1)} ms`);
const ms17 = scryptMs(17, 2);
line('scrypt ms at k=17 (deriveSealedKey, median of 2)', `${fmt(median(ms17), 1)} ms`);
const ms18 = scryptMs(18, 1);
line('scrypt ms at k=18 (deriveSealedKey, 1 run)', `${fmt(median(ms18), 1)} ms`);

// The messenger, end to end: a paste of sealed pointers routed, opened and stored in a real vault
// (one transaction and fsync per message, as an import does), then the same paste as duplicates.
{
  const dir = mkdtempSync(join(tmpdir(), 'clm-bench-'));
  const m = Messenger.open(join(dir, 'vault.sqlite'), { chatLog2N: 12, profileLog2N: 12 });
  try {
    await m.createProfile('bench', 'bench master');
    const n = 2000;
    const paste: string[] = [];
    for (let i = 0; i < n; i++) {
      const nonce = crypto.getRandomValues(new Uint8Array(16));
      paste.push(
        pointerToText(must(sealSealed(key, { author, text: `${text} ${i}`, epoch: epoch + i, nonce }))),
      );
    }
    let t = performance.now();
    await m.importPaste(paste.join('\n'), { secret });
    line(
      `vault import, pointers stored/s (${n} sealed, new chat, fsync each)`,
      fmt((n / (performance.now() - t)) * 1000),
    );
    t = performance.now();
    await m.importPaste(paste.join('\n'));
    line(
      `vault import, duplicates recognised/s (the same ${n} again)`,
      fmt((n / (performance.now() - t)) * 1000),
    );
  } finally {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

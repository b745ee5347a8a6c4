/**
 * The protocol core's opening speed, for `npm run bench`: pointers opened per
 * second from their text (parse + open), one at a time and as a paste of
 * 10,000 distinct pointers of one chat. Each figure is the median of several runs,
 * measured in CPU time (see `rate`).
 */
import {
  type ChatId,
  deriveSealedKey,
  type LegacyPointer,
  openLegacy,
  openLegacyMany,
  openSealed,
  openSealedMany,
  parsePointer,
  pointerToText,
  type Result,
  type SealedPointer,
  sealLegacy,
  sealSealed,
} from '../../src-main/core/index.js';

export interface CoreFigures {
  legacyOpenPerSec: number;
  legacyOpenBulkPerSec: number;
  sealedOpenPerSec: number;
  sealedOpenBulkPerSec: number;
}

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// A typical message: "alice: " plus a short sentence, 60 bytes of plaintext (legacy).
const AUTHOR = 'alice';
const TEXT = 'Meet at the library at noon, bring the blue notebook.';
const SECRET = 'correct horse battery staple';
const EPOCH = 1_754_660_317;
const SUFFIX = 'chat_3';
const SEALED_CHAT = 'H3924_KChejnAg4xKOwvQw' as ChatId;
const PASTE = 10_000;

/** CPU time of this process in ms: on a shared machine, wall time counts other people's work too. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Runs `fn(texts)` over all texts repeatedly for about `ms` of CPU time; returns
 * texts handled per CPU second. The work is single-threaded, so that is one
 * core's rate; the GC's helper threads count against it, which only lowers it.
 */
function rate(texts: string[], fn: (texts: string[]) => void, ms: number): number {
  let done = 0;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < ms) {
    fn(texts);
    done += texts.length;
    elapsed = cpuMs() - start;
  }
  return (done * 1000) / elapsed;
}

function measure(texts: string[], fn: (texts: string[]) => void, runs: number, ms: number): number {
  rate(texts, fn, 200); // warm-up for the JIT
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) rates.push(rate(texts, fn, ms));
  return median(rates);
}

export async function coreFigures(runs = 5, msPerRun = 600): Promise<CoreFigures> {
  const legacyTexts: string[] = [];
  for (let i = 0; i < PASTE; i++) {
    const p = must(sealLegacy(SECRET, SUFFIX, { chat: '3', author: AUTHOR, text: TEXT, epoch: EPOCH + i }));
    legacyTexts.push(pointerToText(p));
  }
  const key = must(deriveSealedKey(SECRET, SEALED_CHAT, 12));
  const sealedTexts: string[] = [];
  for (let i = 0; i < PASTE; i++) {
    const nonce = crypto.getRandomValues(new Uint8Array(16));
    sealedTexts.push(
      pointerToText(must(sealSealed(key, { author: AUTHOR, text: TEXT, epoch: EPOCH + i, nonce }))),
    );
  }

  const legacyOne = (texts: string[]) => {
    for (const t of texts) {
      const p = must(parsePointer(t));
      if (p.format !== 'legacy') throw new Error('not legacy');
      must(openLegacy(SECRET, SUFFIX, p));
    }
  };
  const legacyBulk = (texts: string[]) => {
    const ps: LegacyPointer[] = [];
    for (const t of texts) {
      const p = must(parsePointer(t));
      if (p.format !== 'legacy') throw new Error('not legacy');
      ps.push(p);
    }
    for (const r of openLegacyMany(SECRET, SUFFIX, ps)) must(r);
  };
  const sealedOne = (texts: string[]) => {
    for (const t of texts) {
      const p = must(parsePointer(t));
      if (p.format !== 'sealed-v2') throw new Error('not sealed');
      must(openSealed(key, p));
    }
  };
  const sealedBulk = (texts: string[]) => {
    const ps: SealedPointer[] = [];
    for (const t of texts) {
      const p = must(parsePointer(t));
      if (p.format !== 'sealed-v2') throw new Error('not sealed');
      ps.push(p);
    }
    for (const r of openSealedMany(key, ps)) must(r);
  };

  return {
    legacyOpenPerSec: Math.round(measure(legacyTexts, legacyOne, runs, msPerRun)),
    legacyOpenBulkPerSec: Math.round(measure(legacyTexts, legacyBulk, runs, msPerRun)),
    sealedOpenPerSec: Math.round(measure(sealedTexts, sealedOne, runs, msPerRun)),
    sealedOpenBulkPerSec: Math.round(measure(sealedTexts, sealedBulk, runs, msPerRun)),
  };
}

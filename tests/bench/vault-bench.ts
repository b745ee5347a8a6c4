/**
 * The messenger at scale, for `npm run bench`: imports, duplicates, paging,
 * search, unlock and the chat list, through the service into real vaults in a
 * temporary folder (generated here, removed after).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type ChatId,
  defaultLegacySuffix,
  deriveSealedKey,
  pointerToText,
  type Result,
  type SealedChatKey,
  sealLegacy,
  sealSealed,
} from '../../src-main/core/index.js';
import { Messenger } from '../../src-main/service/messenger.js';
import { LIMITS } from '../../src-shared/limits.js';
import type { ImportOutcome, LocalChatId } from '../../src-shared/types.js';
import { median } from './budgets.js';

export interface VaultFigures {
  importPerSec: number;
  duplicatesPerSec: number;
  firstPageMs: number;
  oldestPageMs: number;
  searchFirstMs: number;
  searchAgainMs: number;
  unlockMs: number;
  unlockLoopBlockMs: number;
  listChatsMs: number;
}

const FAST = { chatLog2N: 12, profileLog2N: 12 };
const SECRET = 'correct horse battery staple';
const BIG = 100_000;
const DUPLICATES = 10_000;
const IMPORT = 10_000;
const CHATS = 1000;

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const nonce = () => crypto.getRandomValues(new Uint8Array(16));
/** A message about 60 bytes long, with a tag word shared by one message in a thousand. */
const text = (i: number) => `Meet at the library at noon, bring notebook tag${i % 1000} n${i}`;
const EPOCH = 1_754_660_317;

function expectAll(out: ImportOutcome[], kind: ImportOutcome['kind'], n: number): void {
  const bad = out.find((o) => o.kind !== kind);
  if (out.length !== n || bad) throw new Error(`Import gave ${bad?.kind ?? out.length}, not ${n} × ${kind}.`);
}

const time = async (fn: () => unknown): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

/** 10,000 pointers for 5 legacy and 5 sealed chats, all unlocked, into a fresh vault: pointers stored per second. */
async function importRun(dir: string): Promise<number> {
  const m = Messenger.open(join(dir, `import-${Math.random().toString(36).slice(2)}.sqlite`), FAST);
  try {
    await m.createProfile('bench', 'bench master');
    const makers: ((i: number) => string)[] = [];
    for (let c = 0; c < 5; c++) {
      const wire = String(700 + c);
      await m.createChat({ name: `legacy ${c}`, secret: SECRET, format: 'legacy', legacyId: wire });
      const suffix = defaultLegacySuffix(wire);
      makers.push((i) =>
        pointerToText(
          must(sealLegacy(SECRET, suffix, { chat: wire, author: 'alice', text: text(i), epoch: EPOCH + i })),
        ),
      );
      const sealed = await m.createChat({ name: `sealed ${c}`, secret: SECRET, format: 'sealed-v2', k: 12 });
      const key = must(deriveSealedKey(SECRET, sealed.wireId as ChatId, 12));
      makers.push((i) =>
        pointerToText(
          must(sealSealed(key, { author: 'bob', text: text(i), epoch: EPOCH + i, nonce: nonce() })),
        ),
      );
    }
    const paste = Array.from({ length: IMPORT }, (_, i) =>
      (makers[i % makers.length] as (i: number) => string)(i),
    );
    let out: ImportOutcome[] = [];
    const ms = await time(async () => {
      out = await m.importPaste(paste.join('\n'));
    });
    expectAll(out, 'stored', IMPORT);
    return (IMPORT / ms) * 1000;
  } finally {
    await m.close();
  }
}

/** A vault whose one sealed chat (k = 17, as people's chats are) holds 100,000 messages. */
async function bigChat(dir: string, log: (s: string) => void) {
  const m = Messenger.open(join(dir, 'big.sqlite'), { ...FAST, chatLog2N: 17 });
  await m.createProfile('bench', 'bench master');
  const chat = await m.createChat({ name: 'Years of history', secret: SECRET, format: 'sealed-v2', k: 17 });
  const key: SealedChatKey = must(deriveSealedKey(SECRET, chat.wireId as ChatId, 17));
  const pointers = Array.from({ length: BIG }, (_, i) =>
    pointerToText(
      must(sealSealed(key, { author: 'carol', text: text(i), epoch: EPOCH + i, nonce: nonce() })),
    ),
  );
  const t = performance.now();
  expectAll(await m.importPaste(pointers.join('\n')), 'stored', BIG);
  log(
    `  (fixture: ${BIG.toLocaleString('en-US')} messages imported in ${Math.round(performance.now() - t)} ms)`,
  );
  return { m, chat: chat.id as LocalChatId, pointers };
}

/** Unlocks while watching the event loop, for the unlock and the second after it (the index builds then). */
async function unlockWatched(m: Messenger, chat: LocalChatId) {
  m.lockChat(chat);
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const ms = await time(() => m.unlockChat(chat, SECRET));
  await new Promise((r) => setTimeout(r, 1000));
  h.disable();
  return { ms, blockMs: h.max / 1e6 };
}

/** Right after an unlock: the first page, the oldest page, a first search and a later one. */
async function readRun(m: Messenger, chat: LocalChatId) {
  m.lockChat(chat);
  await m.unlockChat(chat, SECRET);
  let n = 0;
  // Pages of 200, as the renderer asks for them.
  const firstPageMs = await time(() => {
    n = m.history(chat, { pageSize: 200 }).messages.length;
  });
  const oldestPageMs = await time(() => m.history(chat, { oldest: true, pageSize: 200 }));
  const searchFirstMs = await time(() => {
    n += m.search(chat, 'tag417').length;
  });
  // A later search: two words, one of them in every message, the other in 11 of every 1,000.
  const searchAgainMs = await time(() => {
    n += m.search(chat, 'Library TAG99').length;
  });
  // A search shows at most LIMITS.searchResultsMax results (the first, in time order).
  if (n !== 200 + BIG / 1000 + Math.min((BIG / 1000) * 11, LIMITS.searchResultsMax))
    throw new Error(`Paging or search found ${n} messages.`);
  return { firstPageMs, oldestPageMs, searchFirstMs, searchAgainMs };
}

/** A vault of 1,000 chats with a few messages each; per run: open it, log in (not timed), list. */
async function chatListRuns(dir: string, runs: number, log: (s: string) => void): Promise<number[]> {
  const path = join(dir, 'many-chats.sqlite');
  const m = Messenger.open(path, FAST);
  const t = performance.now();
  try {
    await m.createProfile('bench', 'bench master');
    for (let i = 0; i < CHATS; i++) {
      const c = await m.createChat({
        name: `chat ${i}`,
        secret: `${SECRET} ${i}`,
        format: 'sealed-v2',
        k: 12,
      });
      m.batch(() => {
        for (let j = 0; j < 3; j++) m.send(c.id, text(j));
      });
    }
  } finally {
    await m.close();
  }
  log(`  (fixture: ${CHATS} chats created in ${Math.round(performance.now() - t)} ms)`);
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    let opened: Messenger | undefined;
    const openMs = await time(() => {
      opened = Messenger.open(path, FAST);
    });
    const v = opened as Messenger;
    try {
      await v.login('bench master');
      let listed = 0;
      const listMs = await time(() => {
        listed = v.listChats().length;
      });
      if (listed !== CHATS) throw new Error(`The list shows ${listed} chats.`);
      out.push(openMs + listMs);
      log(`  (1,000 chats: vault opened in ${openMs.toFixed(1)} ms, listed in ${listMs.toFixed(1)} ms)`);
    } finally {
      await v.close();
    }
  }
  return out;
}

export async function vaultFigures(runs: number, log: (s: string) => void): Promise<VaultFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'clm-bench-'));
  try {
    const imports: number[] = [];
    for (let r = 0; r < runs; r++) imports.push(await importRun(dir));

    const big = await bigChat(dir, log);
    const duplicates: number[] = [];
    const unlocks: { ms: number; blockMs: number }[] = [];
    const reads: Awaited<ReturnType<typeof readRun>>[] = [];
    try {
      const paste = big.pointers.filter((_, i) => i % (BIG / DUPLICATES) === 0).join('\n');
      for (let r = 0; r < runs; r++) {
        let out: ImportOutcome[] = [];
        const ms = await time(async () => {
          out = await big.m.importPaste(paste);
        });
        expectAll(out, 'duplicate', DUPLICATES);
        duplicates.push((DUPLICATES / ms) * 1000);
        unlocks.push(await unlockWatched(big.m, big.chat));
        reads.push(await readRun(big.m, big.chat));
      }
    } finally {
      await big.m.close();
    }
    const lists = await chatListRuns(dir, runs, log);
    const med = (f: (r: (typeof reads)[number]) => number) => median(reads.map(f));
    return {
      importPerSec: median(imports),
      duplicatesPerSec: median(duplicates),
      firstPageMs: med((r) => r.firstPageMs),
      oldestPageMs: med((r) => r.oldestPageMs),
      searchFirstMs: med((r) => r.searchFirstMs),
      searchAgainMs: med((r) => r.searchAgainMs),
      unlockMs: median(unlocks.map((u) => u.ms)),
      unlockLoopBlockMs: median(unlocks.map((u) => u.blockMs)),
      listChatsMs: median(lists),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

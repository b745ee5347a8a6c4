/**
 * Crash safety (issue 11): a process importing 10,000 pointers is killed with
 * SIGKILL at a random moment. After each kill the vault passes SQLite's
 * integrity check, every message the service reported stored is there, and
 * importing the paste again completes with each message stored exactly once.
 * Written against the public service API (importPaste and its progress), so it
 * holds however imports commit. 3 runs in `npm test`, 20 in scripts/fuzz.mjs.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ChatId, deriveSealedKey, pointerToText, sealSealed } from '../../../src-main/core/index.js';
import { Messenger } from '../../../src-main/service/messenger.js';
import type { LocalChatId, MessageId } from '../../../src-shared/types.js';
import { tempDirs } from '../temp-dirs.js';
import { FULL, rng, SEED } from './generate.js';

const child = fileURLToPath(new URL('./kill-child.ts', import.meta.url));
const tmp = tempDirs('clm-kill-');
const RUNS = FULL ? 20 : 3;
const N = 10_000;
const SECRET = 'crash secret';
const MASTER = 'carol master';
const FAST = { chatLog2N: 12, profileLog2N: 12 };
const text = (i: number) => `message ${i}`;

let pointers: string[] = [];
beforeAll(() => {
  const key = deriveSealedKey(SECRET, 'KillTestChatId00000000' as ChatId, 12);
  if (!key.ok) throw new Error(key.error.message);
  pointers = Array.from({ length: N }, (_, i) => {
    const p = sealSealed(key.value, {
      author: 'dave',
      text: text(i),
      epoch: 1_700_000_000 + i,
      nonce: crypto.getRandomValues(new Uint8Array(16)),
    });
    if (!p.ok) throw new Error(p.error.message);
    return pointerToText(p.value);
  });
});

/** Starts the import in a child and kills it `delayMs` after it is ready; what it reported, and whether it finished. */
function importAndKill(vault: string, paste: string, delayMs: number) {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, vault, paste, MASTER, SECRET], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise<{ reported: number; finished: boolean }>((resolve) => {
    proc.stdout.on('data', (d: Buffer) => {
      const was = out;
      out += d.toString();
      if (!was.includes('ready\n') && out.includes('ready\n'))
        setTimeout(() => proc.kill('SIGKILL'), delayMs);
    });
    proc.on('exit', () => {
      const counts = [...out.matchAll(/^stored (\d+)$/gm)].map((m) => Number(m[1]));
      resolve({ reported: Math.max(0, ...counts), finished: out.includes('finished\n') });
    });
  });
}

/** Every text in the chat, oldest first, paging through the whole history. */
function allTexts(m: Messenger, id: LocalChatId): string[] {
  let page = m.history(id, { oldest: true });
  const texts = page.messages.map((x) => x.text);
  while (page.hasNewer) {
    page = m.history(id, { after: page.messages.at(-1)?.id as MessageId });
    texts.push(...page.messages.map((x) => x.text));
  }
  return texts;
}

describe('killed mid-import', () => {
  it(`${RUNS} runs: the vault stays whole, nothing reported is lost, a re-import stores each message once`, async () => {
    const r = rng(SEED);
    let killedMidway = 0;
    for (let run = 0; run < RUNS; run++) {
      const label = `run ${run} (CLM_FUZZ_SEED=${SEED})`;
      const dir = tmp();
      const vault = join(dir, 'vault.sqlite');
      const setup = Messenger.open(vault, FAST);
      await setup.createProfile('carol', MASTER);
      await setup.close();
      const paste = join(dir, 'paste.txt');
      writeFileSync(paste, pointers.join('\n'));

      const { reported, finished } = await importAndKill(vault, paste, r.int(4000));
      if (!finished) killedMidway++;

      const db = new Database(vault);
      expect(db.pragma('integrity_check', { simple: true }), label).toBe('ok');
      db.close();

      const m = Messenger.open(vault, FAST);
      try {
        await m.login(MASTER);
        const chat = m.listChats()[0];
        const stored = new Set<string>();
        if (chat) {
          await m.unlockChat(chat.id, SECRET);
          for (const t of allTexts(m, chat.id)) stored.add(t);
        }
        for (let i = 0; i < reported; i++) expect(stored.has(text(i)), `${label}: ${text(i)}`).toBe(true);

        const again = await m.importPaste(pointers.join('\n'), { secret: SECRET });
        expect(
          again.filter((o) => o.kind === 'stored' || o.kind === 'duplicate'),
          label,
        ).toHaveLength(N);
        const id = (m.listChats()[0] as { id: LocalChatId }).id;
        const texts = allTexts(m, id);
        expect(texts.length, label).toBe(N);
        expect(new Set(texts).size, label).toBe(N);
      } finally {
        await m.close();
      }
    }
    console.info(`${RUNS} runs, ${killedMidway} killed before the import finished`);
  }, 3_600_000);
});

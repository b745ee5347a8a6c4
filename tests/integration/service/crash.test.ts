import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { type ChatId, deriveSealedKey, pointerToText, sealSealed } from '../../../src-main/core/index.js';
import { IMPORT_BATCH } from '../../../src-main/service/import-router.js';
import { Messenger } from '../../../src-main/service/messenger.js';
import type { LocalChatId, MessageId } from '../../../src-shared/types.js';
import { tempDirs } from '../temp-dirs.js';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const tempDir = tempDirs('clm-crash-');

it('a process killed mid-import loses nothing it reported as stored', async () => {
  const dir = tempDir();
  const vault = join(dir, 'vault.sqlite');
  const setup = Messenger.open(vault, { chatLog2N: 12, profileLog2N: 12 });
  await setup.createProfile('carol', 'carol master');
  await setup.close();

  const chat = 'CrashTestChatId0000000' as ChatId;
  // Three batches: the kill lands after the first is reported, before the last can be.
  const n = 3 * IMPORT_BATCH;
  const pointers: string[] = [];
  const key = deriveSealedKey('crash secret', chat, 12);
  if (!key.ok) throw new Error(key.error.message);
  for (let i = 0; i < n; i++) {
    const nonce = crypto.getRandomValues(new Uint8Array(16));
    const p = sealSealed(key.value, {
      author: 'dave',
      text: `message ${i}`,
      epoch: 1_700_000_000 + i,
      nonce,
    });
    if (!p.ok) throw new Error(p.error.message);
    pointers.push(pointerToText(p.value));
  }
  const paste = join(dir, 'paste.txt');
  writeFileSync(paste, pointers.join('\n'));

  // Import in another process and kill it (SIGKILL: no cleanup, like a crash or power cut) mid-way.
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', child, vault, paste, 'carol master', 'crash secret'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let reported = 0;
  let out = '';
  await new Promise<void>((resolve) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n').filter((l) => /^\d+$/.test(l));
      reported = Number(lines.at(-1) ?? 0);
      if (reported > 0 && proc.exitCode === null && !proc.killed) proc.kill('SIGKILL');
    });
    proc.on('exit', () => resolve());
  });
  expect(out).not.toContain('finished');
  expect(reported).toBeGreaterThanOrEqual(IMPORT_BATCH);

  // Everything reported before the kill is there; the vault opens and reads cleanly.
  const after = Messenger.open(vault, { chatLog2N: 12, profileLog2N: 12 });
  try {
    await after.login('carol master');
    const [c] = after.listChats();
    expect(c).toBeDefined();
    await after.unlockChat(c?.id as LocalChatId, 'crash secret');
    const id = c?.id as LocalChatId;
    const page = after.history(id, { oldest: true });
    const texts = page.messages.map((m) => m.text);
    for (let p = page; p.hasNewer && texts.length < reported; ) {
      p = after.history(id, { after: p.messages.at(-1)?.id as MessageId });
      texts.push(...p.messages.map((m) => m.text));
    }
    expect(page.total).toBeGreaterThanOrEqual(reported);
    expect(page.total).toBeLessThan(n);
    expect(texts.slice(0, reported)).toEqual(Array.from({ length: reported }, (_, i) => `message ${i}`));
    // Importing the whole paste again stores the rest, and the stored ones come back as duplicates.
    const again = await after.importPaste(pointers.join('\n'));
    expect(again.filter((o) => o.kind === 'duplicate')).toHaveLength(page.total);
    expect(again.filter((o) => o.kind === 'stored')).toHaveLength(n - page.total);
  } finally {
    await after.close();
  }
});

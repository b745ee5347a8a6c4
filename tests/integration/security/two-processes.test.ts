/**
 * The app and `clm` on one vault at the same time (issue 11): two processes
 * write to the same chat at once. Each send either succeeds or is refused in a
 * sentence; afterwards the vault passes SQLite's integrity check and every
 * send reported as done is in the history (no lost write).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Messenger } from '../../../src-main/service/messenger.js';
import type { MessageId } from '../../../src-shared/types.js';
import { tempDirs } from '../temp-dirs.js';

const child = fileURLToPath(new URL('./writer-child.ts', import.meta.url));
const tmp = tempDirs('clm-two-');
const FAST = { chatLog2N: 12, profileLog2N: 12 };

function writer(mode: 'app' | 'clm', vault: string, count: number, tag: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, mode, vault, String(count), tag], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CLM_PASSPHRASE: 'shared master', CLM_CHAT_SECRET: 'shared secret' },
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise<{ sent: string[]; refused: string[] }>((resolve) => {
    proc.on('exit', () => {
      const lines = out.split('\n');
      resolve({
        sent: lines.filter((l) => l.startsWith('sent ')).map((l) => l.slice(5)),
        refused: lines.filter((l) => l.startsWith('refused ')).map((l) => l.slice(8)),
      });
    });
  });
}

describe('two processes on one vault', () => {
  it('the app and clm send at once: both work or say why, the vault stays whole, no send is lost', async () => {
    const vault = join(tmp(), 'vault.sqlite');
    const setup = Messenger.open(vault, FAST);
    await setup.createProfile('ann', 'shared master');
    await setup.createChat({ name: 'Shared', secret: 'shared secret', format: 'sealed-v2' });
    await setup.close();

    const [app, clm] = await Promise.all([writer('app', vault, 300, 'app'), writer('clm', vault, 8, 'clm')]);
    for (const sentence of [...app.refused, ...clm.refused]) expect(sentence).toMatch(/^[A-Z][^\n]*\.$/);
    // Both kept going: neither was turned away by the other.
    expect(app.sent).toHaveLength(300);
    expect(clm.sent).toHaveLength(8);

    const db = new Database(vault);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const m = Messenger.open(vault, FAST);
    await m.login('shared master');
    const chat = m.findChat('Shared');
    await m.unlockChat(chat.id, 'shared secret');
    let page = m.history(chat.id, { oldest: true });
    const texts = page.messages.map((x) => x.text);
    while (page.hasNewer) {
      page = m.history(chat.id, { after: page.messages.at(-1)?.id as MessageId });
      texts.push(...page.messages.map((x) => x.text));
    }
    await m.close();
    expect(new Set(texts)).toEqual(new Set([...app.sent, ...clm.sent]));
    expect(texts).toHaveLength(app.sent.length + clm.sent.length);
  }, 300_000);
});

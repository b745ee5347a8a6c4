// Run as a separate process (node --expose-gc --import tsx) by keys-in-memory.test.ts.
// Lives a whole session on a new vault: both chat formats, a remembered chat, a
// wrong secret, a peek, imports that create chats, sends, history, search, a
// fingerprint; then logs out, collects garbage and writes a heap snapshot.
// It then prints "ready" and waits (at most a minute) for its stdin to close,
// so the test can also read this process's memory before it exits.
//
// The test passes the secrets and the foreign pointers in a JSON file; this
// child never learns a key, so any key found in its memory was left by the app.
import { readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { Messenger } from '../../../src-main/service/messenger.js';

export interface HeapScript {
  readonly vault: string;
  readonly snapshot: string;
  readonly master: string;
  readonly sealedSecret: string;
  readonly legacySecret: string;
  readonly legacySuffix: string;
  /** Pointers from another vault, and the secrets of their chats. */
  readonly foreign: readonly { readonly pointers: readonly string[]; readonly secret: string }[];
}

const s = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as HeapScript;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with --expose-gc.');

const m = Messenger.open(s.vault, { chatLog2N: 12, profileLog2N: 12 });
await m.createProfile('heap-walker', s.master);
const sealed = await m.createChat({ name: 'Sealed', secret: s.sealedSecret, format: 'sealed-v2' });
const legacy = await m.createChat({
  name: 'Legacy',
  secret: s.legacySecret,
  format: 'legacy',
  legacyId: '4242',
  suffix: s.legacySuffix,
});
m.send(sealed.id, 'before the logout, sealed');
m.send(legacy.id, 'before the logout, legacy');
await m.rememberChat(sealed.id);
m.logout();

await m.login(s.master);
await m.unlockChat(legacy.id, s.legacySecret);
await m.unlockChat(legacy.id, 'not the secret').catch(() => undefined);
await m.unlockChat(sealed.id, s.sealedSecret);
for (const f of s.foreign) {
  await m.peekPointer(f.pointers[0] as string, f.secret);
  await m.importPaste(f.pointers.join('\n'), { secret: f.secret });
}
for (const c of m.listChats()) {
  if (c.locked) continue;
  m.send(c.id, `after the login, ${c.name}`);
  m.history(c.id);
  m.search(c.id, 'login');
  await m.chatInfo(c.id);
}
m.lockChat(legacy.id);
m.logout();

for (let i = 0; i < 3; i++) gc();
writeHeapSnapshot(s.snapshot);
process.stdout.write('ready\n');

const done = setTimeout(() => process.exit(0), 60_000);
process.stdin.on('data', () => undefined);
process.stdin.on('end', async () => {
  clearTimeout(done);
  await m.close();
  process.exit(0);
});

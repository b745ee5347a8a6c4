// Run as a separate process by crash.test.ts: imports a paste and prints how
// many pointers are done after each one, until the test kills it with SIGKILL.
import { readFileSync } from 'node:fs';
import { Messenger } from '../../../src-main/service/messenger.js';

const [vault, pasteFile, master, secret] = process.argv.slice(2) as [string, string, string, string];
const m = Messenger.open(vault, { chatLog2N: 12, profileLog2N: 12 });
await m.login(master);
await m.importPaste(readFileSync(pasteFile, 'utf8'), {
  secret,
  onProgress: (done) => process.stdout.write(`${done}\n`),
});
process.stdout.write('finished\n');

// Run as a separate process by crash-kill.test.ts: imports a paste, printing
// "ready" once logged in and "stored N" each time the service reports N
// pointers done, until the test kills it with SIGKILL at a random moment.
import { readFileSync } from 'node:fs';
import { Messenger } from '../../../src-main/service/messenger.js';

const [vault, pasteFile, master, secret] = process.argv.slice(2) as [string, string, string, string];
const m = Messenger.open(vault, { chatLog2N: 12, profileLog2N: 12 });
await m.login(master);
process.stdout.write('ready\n');
await m.importPaste(readFileSync(pasteFile, 'utf8'), {
  secret,
  onProgress: (done) => process.stdout.write(`stored ${done}\n`),
});
process.stdout.write('finished\n');
await m.close();

// Run as a separate process by two-processes.test.ts: sends COUNT messages to
// the chat "Shared", either through the service as the app does ("app") or as
// `clm send` commands run one after another ("clm"). Prints "sent TEXT" for
// each send it was told succeeded, or "refused SENTENCE" and stops.
import { runCli } from '../../../src-main/cli/run.js';
import { Messenger } from '../../../src-main/service/messenger.js';

const [mode, vault, count, tag] = process.argv.slice(2) as ['app' | 'clm', string, string, string];
const FAST = { chatLog2N: 12, profileLog2N: 12 };
const say = (line: string) => process.stdout.write(`${line}\n`);

if (mode === 'app') {
  let m: Messenger | undefined;
  try {
    m = Messenger.open(vault, FAST);
    await m.login('shared master');
    const chat = m.findChat('Shared');
    await m.unlockChat(chat.id, 'shared secret');
    for (let i = 0; i < Number(count); i++) {
      const text = `${tag} ${i}`;
      m.send(chat.id, text);
      say(`sent ${text}`);
    }
  } catch (e) {
    say(`refused ${(e as Error).message}`);
  } finally {
    await m?.close();
  }
} else {
  // Keep clm's own output off stdout, where this child reports.
  const write = process.stdout.write.bind(process.stdout);
  for (let i = 0; i < Number(count); i++) {
    const text = `${tag} ${i}`;
    const captured: string[] = [];
    process.stdout.write = ((s: string) => captured.push(String(s)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => captured.push(String(s)) > 0) as typeof process.stderr.write;
    const code = await runCli(['--vault', vault, 'send', 'Shared', text], FAST);
    process.stdout.write = write;
    if (code !== 0) {
      say(
        `refused ${captured
          .join('')
          .replace(/^clm: /, '')
          .trim()}`,
      );
      break;
    }
    say(`sent ${text}`);
  }
}

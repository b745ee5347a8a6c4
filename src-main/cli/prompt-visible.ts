import { createInterface } from 'node:readline/promises';

/** Asks a question on the terminal with the answer echoed (not for secrets). */
export async function promptVisible(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

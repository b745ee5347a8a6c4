import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyVectors, refusedVectors, sealedVectors } from '../unit/vectors.js';
import { jsonLines, runCli } from './run-cli.js';
import { tempDirs } from './temp-dirs.js';

const tempDir = tempDirs('clm-cli-');

describe('clm pointer open', () => {
  it('opens every legacy vector, as an argument, one JSON line each', () => {
    for (const v of legacyVectors) {
      const r = runCli(['pointer', 'open', '--secret', v.secret, '--suffix', v.suffix, v.pointer]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(jsonLines(r.stdout)).toEqual([
        { format: 'legacy', chat: v.chat, epoch: v.epoch, author: v.author, text: v.text },
      ]);
    }
  });

  it('opens every sealed vector from stdin, the secret from a file', () => {
    const dir = tempDir();
    for (const v of sealedVectors) {
      const file = join(dir, 'secret');
      writeFileSync(file, `${v.secret}\n`);
      const r = runCli(['pointer', 'open', '--secret-file', file], { input: `${v.pointer}\n` });
      expect(r.code).toBe(0);
      expect(jsonLines(r.stdout)).toEqual([
        {
          format: 'sealed-v2',
          chat: v.chat,
          epoch: v.epoch,
          author: v.author,
          text: v.text,
          ...(v.title === null ? {} : { title: v.title }),
        },
      ]);
    }
  });

  it('reports each pointer of a mixed paste on its own line and exits 1 when any is refused', () => {
    const good = sealedVectors.filter((v) => v.secret === 'секрет');
    const paste = `here: ${good[0]?.pointer} and not json {oops "x"} then\n${good[1]?.pointer}`;
    const r = runCli(['pointer', 'open'], { input: paste, env: { CLM_CHAT_SECRET: 'секрет' } });
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(lines).toHaveLength(3);
    expect(lines[0]?.text).toBe(good[0]?.text);
    expect(lines[1]?.error).toBe('not-json');
    expect(lines[2]?.text).toBe(good[1]?.text);
  });

  it('refuses every refused vector with a code and a sentence', () => {
    for (const v of refusedVectors) {
      const r = runCli(['pointer', 'open', '--secret', v.secret], { input: v.pointer });
      expect(r.code, v.why).toBe(1);
      const [line] = jsonLines(r.stdout) as { error: string; message: string }[];
      expect(line?.error, v.why).toMatch(/^[a-z-]+$/);
      expect(line?.message, v.why).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('without any secret source and no terminal, says how to give one', () => {
    const r = runCli(['pointer', 'open', legacyVectors[0]?.pointer ?? '']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^clm: A secret is needed.*--secret-file F or CLM_CHAT_SECRET\.\n$/);
  });
});

describe('clm pointer seal', () => {
  it('seals every legacy vector to the identical text', () => {
    for (const v of legacyVectors) {
      const args = ['pointer', 'seal', '--legacy', '--chat', v.chat, '--author', v.author];
      args.push('--epoch', String(v.epoch), '--suffix', v.suffix, '--secret', v.secret, '--', v.text);
      const r = runCli(args);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${v.pointer}\n`);
    }
  });

  it('seals every sealed vector, given its nonce and epoch, to the identical text', () => {
    for (const v of sealedVectors) {
      const args = ['pointer', 'seal', '--chat', v.chat, '--author', v.author, '--k', String(v.k)];
      args.push('--epoch', String(v.epoch), '--nonce', v.nonce);
      if (v.title !== null) args.push('--title', v.title);
      const r = runCli([...args, '--', v.text], { env: { CLM_CHAT_SECRET: v.secret } });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${v.pointer}\n`);
    }
  });

  it('by default uses a fresh nonce, the current time and k = 17, and the pointer opens', () => {
    const chat = 'AAAAAAAAAAAAAAAAAAAAAA';
    const before = Math.floor(Date.now() / 1000);
    const a = runCli(['pointer', 'seal', '--secret', 's', '--chat', chat, '--author', 'me', 'hi']);
    const b = runCli(['pointer', 'seal', '--secret', 's', '--chat', chat, '--author', 'me', 'hi']);
    const pa = JSON.parse(a.stdout) as { k: number; e: number; n: string };
    const pb = JSON.parse(b.stdout) as { n: string };
    expect(pa.k).toBe(17);
    expect(pa.e).toBeGreaterThanOrEqual(before);
    expect(pa.n).not.toBe(pb.n);
    const opened = runCli(['pointer', 'open', '--secret', 's', a.stdout]);
    expect(jsonLines(opened.stdout)).toEqual([
      { format: 'sealed-v2', chat, epoch: pa.e, author: 'me', text: 'hi' },
    ]);
  });

  it('refuses bad options with one sentence and prints nothing', () => {
    const cases: [string[], RegExp][] = [
      [['--chat', 'short', '--author', 'me', 'hi'], /chat id must be 16 to 64/],
      [
        ['--chat', 'AAAAAAAAAAAAAAAAAAAAAA', '--author', 'me', '--k', '40', 'hi'],
        /--k must be a whole number/,
      ],
      [
        ['--chat', 'AAAAAAAAAAAAAAAAAAAAAA', '--author', 'me', '--nonce', 'AAAA', 'hi'],
        /--nonce must be 16 bytes/,
      ],
      [['--chat', 'AAAAAAAAAAAAAAAAAAAAAA', 'hi'], /--author is needed/],
      [['--chat', '1', '--author', 'a', '--legacy', '--k', '12', 'hi'], /--k only applies/],
      [['--chat', '1', '--author', 'a', '--bogus', 'hi'], /Unknown option '--bogus'/],
    ];
    for (const [args, re] of cases) {
      const r = runCli(['pointer', 'seal', '--secret', 's', ...args]);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(re);
    }
  });
});

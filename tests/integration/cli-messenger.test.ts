import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { legacyVectors } from '../unit/vectors.js';
import { runCli } from './run-cli.js';
import { tempDirs } from './temp-dirs.js';

const tempDir = tempDirs('clm-msg-');
let dir: string;
beforeEach(() => {
  dir = tempDir();
});

/** One person at one terminal: their vault, their master phrase. */
function person(name: string) {
  const vault = join(dir, `${name}.sqlite`);
  const env = { CLM_PASSPHRASE: `${name}'s master phrase` };
  const run = (args: string[], opts: { secret?: string; input?: string } = {}) =>
    runCli(['--vault', vault, ...args], {
      env: { ...env, ...(opts.secret === undefined ? {} : { CLM_CHAT_SECRET: opts.secret }) },
      ...(opts.input === undefined ? {} : { input: opts.input }),
    });
  return { vault, run };
}

const json = <T>(s: string): T => JSON.parse(s) as T;

describe('two people talking from the terminal', () => {
  it('sealed v2: create, send, receive on a second vault, reply, both histories agree', () => {
    const alice = person('alice');
    const bob = person('bob');
    expect(alice.run(['init', '--name', 'alice']).code).toBe(0);
    expect(bob.run(['init', '--name', 'bob']).code).toBe(0);

    const created = alice.run(['chat', 'new', 'Book club'], { secret: 'paper lantern' });
    expect(created.stderr).toBe('');
    const sent = alice.run(['send', 'Book club', 'Chapter 3 by Friday?'], { secret: 'paper lantern' });
    expect(sent.code).toBe(0);
    const pointer = sent.stdout.trim();
    expect(json<{ v: number }>(pointer).v).toBe(2);

    // Unknown chat without a secret: asks for one, stores nothing.
    const noSecret = bob.run(['import'], { input: pointer });
    expect(noSecret.code).toBe(1);
    expect(noSecret.stdout).toMatch(/new chat: .*give its secret/);
    // A wrong secret creates nothing.
    const wrong = bob.run(['import'], { input: pointer, secret: 'paper lanterns' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/wrong secret/);
    expect(json<unknown[]>(bob.run(['chats', '--json']).stdout)).toEqual([]);
    // The right secret creates the chat, named by the sealed title, and stores the message.
    const ok = bob.run(['import'], { input: `here you go: ${pointer} bye`, secret: 'paper lantern' });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/stored: New chat "Book club" created/);
    // The duplicate index is keyed per chat: a locked chat asks for its secret first, then knows it.
    const locked = bob.run(['import'], { input: pointer });
    expect(locked.code).toBe(1);
    expect(locked.stdout).toMatch(/needs secret: Chat "Book club" is locked/);
    const dup = bob.run(['import'], { input: pointer, secret: 'paper lantern' });
    expect(dup.code).toBe(0);
    expect(dup.stdout).toMatch(/duplicate/);

    const reply = bob.run(['send', 'Book club', 'Yes,\nFriday works 👍'], { secret: 'paper lantern' });
    expect(reply.code).toBe(0);
    const back = alice.run(['import', '-'], { input: reply.stdout, secret: 'paper lantern' });
    expect(back.stdout).toMatch(/stored: Stored in chat "Book club"/);

    type Msg = {
      id: number;
      direction: string;
      author: string;
      text: string;
      epoch: number;
      deleted: boolean;
    };
    const ha = json<Msg[]>(alice.run(['history', 'Book club', '--json'], { secret: 'paper lantern' }).stdout);
    const hb = json<Msg[]>(bob.run(['history', 'Book club', '--json'], { secret: 'paper lantern' }).stdout);
    expect(ha.map((m) => [m.direction, m.author, m.text])).toEqual([
      ['sent', 'alice', 'Chapter 3 by Friday?'],
      ['received', 'bob', 'Yes,\nFriday works 👍'],
    ]);
    expect(hb.map((m) => [m.direction, m.author, m.text])).toEqual([
      ['received', 'alice', 'Chapter 3 by Friday?'],
      ['sent', 'bob', 'Yes,\nFriday works 👍'],
    ]);
    // Both hold the same secret: the fingerprints agree.
    const fa = json<{ fingerprint: string }>(
      alice.run(['info', '1', '--json'], { secret: 'paper lantern' }).stdout,
    );
    const fb = json<{ fingerprint: string }>(
      bob.run(['info', '1', '--json'], { secret: 'paper lantern' }).stdout,
    );
    expect(fa.fingerprint).toMatch(/^\d{5}( \d{5}){4}$/);
    expect(fb.fingerprint).toBe(fa.fingerprint);
  });

  it('legacy: talks with the original console program and back', () => {
    const carol = person('carol');
    carol.run(['init', '--name', 'carol']);
    const v = legacyVectors.find((x) => x.chat === '1' && x.suffix === 'general');
    if (!v) throw new Error('vector for chat 1 missing');
    const mk = carol.run(['chat', 'new', 'Family', '--legacy', '--id', '1'], { secret: v.secret });
    expect(mk.stdout).toMatch(/not authenticated/);
    const imp = carol.run(['import'], { input: v.pointer, secret: v.secret });
    expect(imp.stdout).toMatch(/stored: Stored in chat "Family"/);
    const sent = carol.run(['send', 'Family', 'see you at noon'], { secret: v.secret });
    const pointer = sent.stdout.trim();
    expect(pointer).toMatch(/^\{"c": "1", "e": \d+, "d": "[0-9a-f]+"\}$/);
    // What the console program would read: the same pointer opened with only the secret.
    const opened = runCli(['pointer', 'open', '--secret', v.secret, pointer]);
    expect(json<{ author: string; text: string }>(opened.stdout)).toMatchObject({
      author: 'carol',
      text: 'see you at noon',
    });
    const h = json<{ author: string; text: string }[]>(
      carol.run(['history', 'Family', '--json'], { secret: v.secret }).stdout,
    );
    expect(h.map((m) => `${m.author}: ${m.text}`)).toEqual([
      `${v.author}: ${v.text}`,
      'carol: see you at noon',
    ]);
  });

  it('a locked chat asks for its secret; the trash keeps, restores and purges', () => {
    const dan = person('dan');
    dan.run(['init', '--name', 'dan']);
    dan.run(['chat', 'new', 'Notes'], { secret: 's1' });
    const locked = dan.run(['history', 'Notes']);
    expect(locked.code).not.toBe(0);
    expect(locked.stderr).toMatch(/^clm: Chat "Notes" is locked: give its secret/);
    const s = { secret: 's1' };
    dan.run(['send', 'Notes', 'first'], s);
    dan.run(['send', 'Notes', 'second'], s);
    const ids = json<{ id: number }[]>(dan.run(['history', 'Notes', '--json'], s).stdout).map((m) => m.id);
    expect(dan.run(['trash', 'Notes', String(ids[0])], s).stdout).toMatch(/moved to the trash/);
    expect(json<unknown[]>(dan.run(['history', 'Notes', '--json'], s).stdout)).toHaveLength(1);
    expect(
      json<{ deleted: boolean }[]>(dan.run(['history', 'Notes', '--trash', '--json'], s).stdout),
    ).toEqual([expect.objectContaining({ deleted: true })]);
    dan.run(['restore', 'Notes', String(ids[0])], s);
    const found = json<{ text: string }[]>(dan.run(['search', 'Notes', 'SEC', '--json'], s).stdout);
    expect(found.map((m) => m.text)).toEqual(['second']);
    dan.run(['purge', 'Notes', String(ids[1])], s);
    expect(
      json<{ text: string }[]>(dan.run(['history', 'Notes', '--json'], s).stdout).map((m) => m.text),
    ).toEqual(['first']);
    const missing = dan.run(['trash', 'Notes', '999'], s);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/There is no message 999/);
  });

  it('remember makes a chat open with the login alone; forget undoes it', () => {
    const eve = person('eve');
    eve.run(['init', '--name', 'eve']);
    eve.run(['chat', 'new', 'Diary'], { secret: 'x1' });
    expect(eve.run(['remember', 'Diary'], { secret: 'x1' }).code).toBe(0);
    const list = json<{ remembered: boolean; locked: boolean }[]>(eve.run(['chats', '--json']).stdout);
    expect(list[0]).toMatchObject({ remembered: true, locked: false });
    expect(eve.run(['send', 'Diary', 'no secret needed']).code).toBe(0);
    eve.run(['forget', 'Diary']);
    expect(eve.run(['send', 'Diary', 'now it is']).stderr).toMatch(/is locked/);
  });

  it('wrong master phrase, passwd and delete-profile', () => {
    const fay = person('fay');
    fay.run(['init', '--name', 'fay']);
    const bad = runCli(['--vault', fay.vault, 'chats'], { env: { CLM_PASSPHRASE: 'nope' } });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe('clm: That master phrase is not the right one.\n');
    const newFile = join(dir, 'new-pass');
    writeFileSync(newFile, 'fresh phrase\n');
    expect(fay.run(['passwd', '--new-passphrase-file', newFile]).code).toBe(0);
    expect(fay.run(['chats']).code).not.toBe(0);
    const fresh = { CLM_PASSPHRASE: 'fresh phrase' };
    expect(runCli(['--vault', fay.vault, 'chats'], { env: fresh }).code).toBe(0);
    const refused = runCli(['--vault', fay.vault, 'delete-profile', '--confirm', 'delete'], { env: fresh });
    expect(refused.stderr).toMatch(/type the word DELETE/);
    expect(existsSync(fay.vault)).toBe(true);
    expect(runCli(['--vault', fay.vault, 'delete-profile', '--confirm', 'DELETE'], { env: fresh }).code).toBe(
      0,
    );
    expect(existsSync(fay.vault)).toBe(false);
    expect(existsSync(`${fay.vault}-wal`)).toBe(false);
  });

  it('creates the vault 0600 in a 0700 folder, at CLM_VAULT when no --vault is given', () => {
    const vault = join(dir, 'nested', 'v.sqlite');
    const r = runCli(['init', '--name', 'gus'], { env: { CLM_VAULT: vault, CLM_PASSPHRASE: 'p' } });
    expect(r.code).toBe(0);
    if (process.platform !== 'win32') {
      expect(statSync(vault).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    }
  });

  it('errors are one sentence with a non-zero exit, and nothing is half-done', () => {
    const hal = person('hal');
    const none = hal.run(['chats']);
    expect(none.stderr).toMatch(
      /^clm: There is no profile in .* yet: create one with `clm init --name NICK`\.\n$/,
    );
    hal.run(['init', '--name', 'hal']);
    expect(hal.run(['init', '--name', 'hal']).stderr).toMatch(/already holds a profile/);
    expect(hal.run(['send', 'nope', 'x']).stderr).toBe('clm: There is no chat "nope".\n');
    hal.run(['chat', 'new', 'Twin'], { secret: 'a' });
    hal.run(['chat', 'new', 'Twin'], { secret: 'b' });
    expect(hal.run(['send', 'Twin', 'x'], { secret: 'a' }).stderr).toMatch(/names 2 chats; use the number/);
    expect(hal.run(['chat', 'new', 'Bad', '--id', '7']).stderr).toMatch(/--id and --suffix are for --legacy/);
    expect(hal.run(['frobnicate']).stderr).toMatch(/Unknown command "frobnicate"/);
  });
});

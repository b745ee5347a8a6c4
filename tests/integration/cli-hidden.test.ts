/**
 * Hidden chats from the terminal (issue 13): `clm chats` and every lookup by
 * name never show a closed one; its secret alone opens it (`open-hidden`, or
 * --hidden in place of CHAT); a chat can be created hidden, received hidden,
 * hidden and listed again. Each command is its own session, so a hidden chat
 * is closed at the start of each one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempDirs } from './temp-dirs.js';

const tempDir = tempDirs('clm-hidden-');
let dir: string;
beforeEach(() => {
  dir = tempDir();
});

const WHISTLE = 'whistle secret';
const NO_HIDDEN = 'clm: No hidden chat opens with this secret.\n';

function person(name: string) {
  const vault = join(dir, `${name}.sqlite`);
  const run = (args: string[], opts: { secret?: string; input?: string } = {}) =>
    runCli(['--vault', vault, ...args], {
      env: {
        CLM_PASSPHRASE: `${name}'s master phrase`,
        ...(opts.secret === undefined ? {} : { CLM_CHAT_SECRET: opts.secret }),
      },
      ...(opts.input === undefined ? {} : { input: opts.input }),
    });
  const names = () =>
    (JSON.parse(run(['chats', '--json']).stdout) as { name: string }[]).map((c) => c.name).sort();
  return { vault, run, names };
}

/** Alice with a listed chat, and a hidden one holding one message; returns that message's pointer. */
function aliceWithHidden() {
  const alice = person('alice');
  expect(alice.run(['init', '--name', 'alice']).code).toBe(0);
  expect(alice.run(['chat', 'new', 'Book club'], { secret: 'club secret' }).code).toBe(0);
  const created = alice.run(['chat', 'new', 'Whistle', '--hidden'], { secret: WHISTLE });
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  expect(created.stdout).toMatch(/^Hidden chat created: `clm chats` never lists it/);
  expect(created.stdout).toContain('hidden       yes');
  const sent = alice.run(['send', '--hidden', 'meet at the quay'], { secret: WHISTLE });
  expect(sent.stderr).toBe('');
  expect(sent.code).toBe(0);
  return { alice, pointer: sent.stdout.trim() };
}

describe('a closed hidden chat shows nowhere in the CLI', () => {
  it('not in `clm chats` (text or JSON), and its name is an unknown chat to every command', () => {
    const { alice } = aliceWithHidden();
    expect(alice.names()).toEqual(['Book club']);
    const text = alice.run(['chats']);
    expect(text.stdout).toContain('Book club');
    expect(text.stdout).not.toContain('Whistle');
    for (const args of [
      ['info', 'Whistle'],
      ['history', 'Whistle'],
      ['search', 'Whistle', 'quay'],
      ['export', 'Whistle'],
      ['send', 'Whistle', 'hello?'],
      ['rm', 'Whistle'],
    ]) {
      const r = alice.run(args, { secret: WHISTLE });
      expect(r, args.join(' ')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'clm: There is no chat "Whistle".\n',
      });
    }
    expect(alice.names()).toEqual(['Book club']);
  });

  it('a wrong secret opens nothing: the same sentence as in a vault without hidden chats', () => {
    const { alice } = aliceWithHidden();
    const bob = person('bob');
    bob.run(['init', '--name', 'bob']);
    for (const who of [alice, bob]) {
      expect(who.run(['open-hidden'], { secret: 'club secret' })).toEqual({
        code: 1,
        stdout: '',
        stderr: NO_HIDDEN,
      });
      expect(who.run(['history', '--hidden'], { secret: 'not any secret' })).toEqual({
        code: 1,
        stdout: '',
        stderr: NO_HIDDEN,
      });
    }
    // No secret given at all (no terminal to ask at): one sentence saying how to give it.
    const none = alice.run(['open-hidden']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^clm: A secret is needed: .*CLM_CHAT_SECRET\.\n$/);
  });
});

describe('the secret opens it: open-hidden and --hidden in place of CHAT', () => {
  it('open-hidden prints its info; send, history, search, info, export work with --hidden', () => {
    const { alice, pointer } = aliceWithHidden();
    const opened = alice.run(['open-hidden'], { secret: WHISTLE });
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/^name {9}Whistle\n/);
    expect(opened.stdout).toContain('messages     1 (0 in the trash)');
    expect(opened.stdout).toContain('hidden       yes');
    const info = JSON.parse(alice.run(['info', '--hidden', '--json'], { secret: WHISTLE }).stdout);
    expect(info).toMatchObject({ name: 'Whistle', hidden: true, count: 1 });
    expect(info.fingerprint).toMatch(/^\d{5}( \d{5}){4}$/);

    expect(alice.run(['send', '--hidden', 'at noon then'], { secret: WHISTLE }).code).toBe(0);
    const history = JSON.parse(alice.run(['history', '--hidden', '--json'], { secret: WHISTLE }).stdout);
    expect(history.map((m: { text: string }) => m.text)).toEqual(['meet at the quay', 'at noon then']);
    const found = alice.run(['search', '--hidden', 'quay'], { secret: WHISTLE });
    expect(found.stdout).toContain('alice: meet at the quay');
    expect(found.stdout).not.toContain('noon');

    const file = join(dir, 'whistle.txt');
    const exported = alice.run(['export', '--hidden', file], { secret: WHISTLE });
    expect(exported).toMatchObject({
      code: 0,
      stdout: `2 pointers written to ${file}. Import them with the chat's secret.\n`,
    });
    const stdoutExport = alice.run(['export', '--hidden'], { secret: WHISTLE }).stdout.trim().split('\n');
    expect(stdoutExport).toHaveLength(2);
    expect(stdoutExport[0]).toBe(pointer);

    // Still nothing listed: each command closed it again when it ended.
    expect(alice.names()).toEqual(['Book club']);
  });

  it('trash and restore a message of a hidden chat by its number', () => {
    const { alice } = aliceWithHidden();
    const [first] = JSON.parse(alice.run(['history', '--hidden', '--json'], { secret: WHISTLE }).stdout);
    const trashed = alice.run(['trash', '--hidden', String(first.id)], { secret: WHISTLE });
    expect(trashed).toMatchObject({ code: 0, stdout: `Message ${first.id} moved to the trash.\n` });
    expect(alice.run(['history', '--hidden'], { secret: WHISTLE }).stdout).toBe('No messages yet.\n');
    expect(alice.run(['restore', '--hidden', String(first.id)], { secret: WHISTLE }).code).toBe(0);
    expect(alice.run(['history', '--hidden'], { secret: WHISTLE }).stdout).toContain('meet at the quay');
  });
});

describe('receiving into hidden chats', () => {
  it('a pointer of a closed hidden chat reads as a new chat; its secret stores it there, no listed copy', () => {
    const { alice, pointer } = aliceWithHidden();
    const bob = person('bob');
    bob.run(['init', '--name', 'bob']);
    expect(bob.run(['import'], { input: pointer, secret: WHISTLE }).code).toBe(0);
    const reply = bob.run(['send', 'Whistle', 'at noon'], { secret: WHISTLE }).stdout;

    const unknown = alice.run(['import'], { input: reply });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/^ {3}1 {2}new chat: /);
    const stored = alice.run(['import'], { input: reply, secret: WHISTLE });
    expect(stored.code).toBe(0);
    expect(stored.stdout).toMatch(/stored: .*"Whistle"/);
    expect(alice.names()).toEqual(['Book club']);
    const history = JSON.parse(alice.run(['history', '--hidden', '--json'], { secret: WHISTLE }).stdout);
    expect(history.map((m: { text: string; direction: string }) => [m.direction, m.text])).toEqual([
      ['sent', 'meet at the quay'],
      ['received', 'at noon'],
    ]);
  });

  it('import --hidden: the chat created on receipt is hidden', () => {
    const { pointer } = aliceWithHidden();
    const bob = person('bob');
    bob.run(['init', '--name', 'bob']);
    const got = bob.run(['import', '--hidden'], { input: pointer, secret: WHISTLE });
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(/stored: /);
    expect(bob.names()).toEqual([]);
    const info = JSON.parse(bob.run(['open-hidden', '--json'], { secret: WHISTLE }).stdout);
    expect(info).toMatchObject({ name: 'Whistle', hidden: true, count: 1 });
  });
});

describe('hide and unhide', () => {
  it('hide CHAT with its secret: gone from `clm chats`; unhide with the secret lists it again, messages kept', () => {
    const { alice } = aliceWithHidden();
    alice.run(['send', 'Book club', 'chapter three'], { secret: 'club secret' });
    const wrong = alice.run(['hide', 'Book club'], { secret: 'not the secret' });
    expect(wrong).toEqual({
      code: 1,
      stdout: '',
      stderr: 'clm: That is not the secret of chat "Book club".\n',
    });
    expect(alice.names()).toEqual(['Book club']);

    const hidden = alice.run(['hide', 'Book club'], { secret: 'club secret' });
    expect(hidden.stderr).toBe('');
    expect(hidden.stdout).toMatch(/^Chat "Book club" is hidden: `clm chats` no longer lists it/);
    expect(alice.names()).toEqual([]);
    expect(alice.run(['history', 'Book club'], { secret: 'club secret' }).stderr).toBe(
      'clm: There is no chat "Book club".\n',
    );
    expect(alice.run(['history', '--hidden'], { secret: 'club secret' }).stdout).toContain('chapter three');

    const shown = alice.run(['unhide'], { secret: 'club secret' });
    expect(shown.stderr).toBe('');
    expect(shown.stdout).toMatch(/^Chat "Book club" is listed again, as chat \d+ in `clm chats`\.\n$/);
    expect(alice.names()).toEqual(['Book club']);
    expect(alice.run(['history', 'Book club'], { secret: 'club secret' }).stdout).toContain('chapter three');
    expect(alice.run(['open-hidden'], { secret: 'club secret' }).stderr).toBe(NO_HIDDEN);
  });

  it('bad input: one sentence, nothing changed', () => {
    const { alice } = aliceWithHidden();
    const secretFile = join(dir, 'secret.txt');
    writeFileSync(secretFile, `${WHISTLE}\n`);
    expect(alice.run(['hide']).stderr).toMatch(/^clm: Name one chat to hide: /);
    expect(alice.run(['unhide', 'Whistle'], { secret: WHISTLE }).stderr).toMatch(
      /^clm: `clm unhide` takes no chat: the secret alone finds the hidden chat\.\n$/,
    );
    expect(alice.run(['open-hidden', 'Whistle'], { secret: WHISTLE }).stderr).toMatch(/takes no chat/);
    // The secret from a file opens it as well.
    expect(alice.run(['open-hidden', '--secret-file', secretFile]).stdout).toMatch(/^name {9}Whistle\n/);
    expect(alice.names()).toEqual(['Book club']);
  });
});

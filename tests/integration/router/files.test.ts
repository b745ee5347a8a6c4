/**
 * Export, backup and restore through the router, as the app's File actions run
 * them: main asks the person where (a double of the save and open dialogs
 * here), never the renderer. What a person relies on: the file written is the
 * one they chose and holds what they asked for, Cancel writes nothing, a
 * chosen file they agreed to replace is replaced whole, and a restore keeps
 * the vault it replaces.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FileChooser, fileNameFor } from '../../../src-main/ipc/file-calls.js';
import { createRouter } from '../../../src-main/ipc/router.js';
import type { Messenger } from '../../../src-main/service/messenger.js';
import type { BridgeEvent } from '../../../src-shared/contract.js';
import { MASTER, OPEN_SECRET, openMessenger, world } from './fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'clm-files-'));
  dirs.push(d);
  return d;
};

/** The person's answers to the dialogs, in order (undefined: Cancel), and what each dialog asked. */
function dialogs(answers: (string | undefined)[]) {
  const asked: { dialog: 'save' | 'open'; title: string; defaultName?: string; kind: string }[] = [];
  const files: FileChooser = {
    saveAs: async (o) => {
      asked.push({ dialog: 'save', ...o });
      return answers.shift();
    },
    open: async (o) => {
      asked.push({ dialog: 'open', ...o });
      return answers.shift();
    },
  };
  return { files, asked };
}

function routeWith(m: Messenger, files?: FileChooser) {
  const events: BridgeEvent[] = [];
  const route = createRouter({
    messenger: m,
    writeClipboard: () => {},
    emit: (e) => events.push(e),
    ...(files ? { files } : {}),
  });
  return { call: (name: string, args?: unknown) => route(`clm:${name}`, args), events };
}

describe('export a chat to a file the person chooses', () => {
  it('writes the live pointers, one a line, privately, and they rebuild the chat in another vault', async () => {
    const w = await world();
    const path = join(tempDir(), 'mine.txt');
    const d = dialogs([path]);
    const r = await routeWith(w.m, d.files).call('exportChat', { chatId: w.openChat });
    expect(r).toEqual({ ok: true, value: { saved: true, path, pointers: 1 } });
    expect(d.asked).toEqual([
      {
        dialog: 'save',
        title: 'Export the pointers of Open',
        defaultName: 'Open pointers.txt',
        kind: 'pointers',
      },
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);

    const other = openMessenger();
    await other.createProfile('bob', MASTER);
    const outcomes = await other.importPaste(text, { secret: OPEN_SECRET, name: 'From alice' });
    expect(outcomes.map((o) => o.kind)).toEqual(['stored']);
    expect(
      other.history(outcomes[0]?.kind === 'stored' ? outcomes[0].chatId : (0 as never)).messages[0]?.text,
    ).toBe('first message');
  });

  it('replaces a file the person agreed to replace, whole', async () => {
    const w = await world();
    const path = join(tempDir(), 'old.txt');
    writeFileSync(path, 'x'.repeat(100_000));
    await routeWith(w.m, dialogs([path]).files).call('exportChat', { chatId: w.openChat });
    expect(readFileSync(path, 'utf8')).toBe(w.m.exportChat(w.openChat));
  });

  it('writes nothing when the person cancels', async () => {
    const w = await world();
    const dir = tempDir();
    const r = await routeWith(w.m, dialogs([undefined]).files).call('exportChat', { chatId: w.openChat });
    expect(r).toEqual({ ok: true, value: { saved: false } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a locked chat before any dialog opens', async () => {
    const w = await world();
    const d = dialogs([join(tempDir(), 'x.txt')]);
    const r = await routeWith(w.m, d.files).call('exportChat', { chatId: w.lockedChat });
    expect(r).toMatchObject({ ok: false, error: { code: 'chat-locked' } });
    expect(d.asked).toEqual([]);
  });

  it('says so in one sentence where no dialog can be shown', async () => {
    const w = await world();
    const r = await routeWith(w.m).call('exportChat', { chatId: w.openChat });
    expect(r).toEqual({
      ok: false,
      error: { code: 'bad-input', message: 'Files cannot be chosen in this window.' },
    });
  });

  it('names the file after the chat, whatever characters the name holds', () => {
    expect(fileNameFor('Family / "Plans": 2026?')).toBe('Family Plans 2026 pointers.txt');
    expect(fileNameFor('...')).toBe('chat pointers.txt');
    expect(fileNameFor('a'.repeat(200))).toBe(`${'a'.repeat(60)} pointers.txt`);
  });
});

describe('back up and restore the vault from the app', () => {
  it('backs up to the chosen file (replacing it) and restores it later, keeping the vault it replaces', async () => {
    const w = await world();
    const dir = tempDir();
    const backup = join(dir, 'backup.sqlite');
    writeFileSync(backup, 'an older file the person chose to replace');
    const d = dialogs([backup]);
    const { call } = routeWith(w.m, d.files);
    expect(await call('backupVault')).toEqual({ ok: true, value: { saved: true, path: backup } });
    expect(d.asked[0]).toMatchObject({
      dialog: 'save',
      kind: 'backup',
      defaultName: expect.stringMatching(/\.sqlite$/),
    });
    expect(statSync(backup).mode & 0o777).toBe(0o600);

    // After the backup, a chat is deleted; restoring brings it back.
    w.m.deleteChat(w.openChat);
    const again = dialogs([backup]);
    const r2 = routeWith(w.m, again.files);
    const restored = await r2.call('restoreVault');
    expect(restored).toMatchObject({ ok: true, value: { restored: true, from: backup } });
    const previous = (restored as { value: { previous: string } }).value.previous;
    expect(statSync(previous).size).toBeGreaterThan(0);
    expect(again.asked).toEqual([
      { dialog: 'open', title: 'Restore the vault from a backup', kind: 'backup' },
    ]);
    // The restore logs out (the restored vault opens with its own phrase), and says so to the page.
    expect(r2.events).toContainEqual({ type: 'all-locked', reason: 'logout' });
    await w.m.login(MASTER);
    expect(
      w.m
        .listChats()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Locked', 'Open']);
  });

  it('backs up only for the logged-in owner, and Cancel changes nothing', async () => {
    const w = await world('logged-out');
    const d = dialogs([join(tempDir(), 'b.sqlite')]);
    expect(await routeWith(w.m, d.files).call('backupVault')).toMatchObject({
      ok: false,
      error: { code: 'not-logged-in' },
    });
    expect(d.asked).toEqual([]);
    const w2 = await world();
    expect(await routeWith(w2.m, dialogs([undefined]).files).call('restoreVault')).toEqual({
      ok: true,
      value: { restored: false },
    });
    expect(w2.m.status().loggedIn).toBe(true);
  });

  it('refuses a file that is not a backup, in one sentence, and keeps the vault', async () => {
    const w = await world();
    const notBackup = join(tempDir(), 'notes.txt');
    writeFileSync(notBackup, 'just some notes');
    const r = await routeWith(w.m, dialogs([notBackup]).files).call('restoreVault');
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'bad-input',
        message: `${notBackup} is not a backup of a Chrono-Library Messenger vault; nothing was changed.`,
      },
    });
    expect(w.m.status().loggedIn).toBe(true);
    expect(w.m.listChats()).toHaveLength(2);
  });
});

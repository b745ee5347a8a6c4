/**
 * Export, backup and restore in the real shell (against the Electron double):
 * the renderer's call opens the system's own dialog on the window, starting in
 * Documents; what the person picks there is where the file goes, and Cancel
 * writes nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { electron } from './electron-double.js';
import { shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();

async function withChat() {
  const s = await fx.start();
  await s.call('createProfile', { nickname: 'alice', master: 'master phrase' });
  const chat = (await s.call('createChat', {
    name: 'Plans',
    secret: 'chat secret',
    format: 'sealed-v2',
  })) as {
    value: { id: number };
  };
  await s.call('send', { chatId: chat.value.id, text: 'see you at noon' });
  return { s, chatId: chat.value.id };
}

describe('file dialogs', () => {
  it('exports a chat where the person chooses in the save dialog, on the window, from Documents', async () => {
    const { s, chatId } = await withChat();
    const dest = join(s.root, 'plans.txt');
    electron.dialog.picks.push(dest);
    expect(await s.call('exportChat', { chatId })).toEqual({
      ok: true,
      value: { saved: true, path: dest, pointers: 1 },
    });
    const [shown] = electron.dialog.fileDialogs;
    expect(shown?.kind).toBe('save');
    expect(shown?.parent).toBe(s.win);
    expect(shown?.opts).toMatchObject({
      defaultPath: join(electron.app.documents, 'Plans pointers.txt'),
      properties: expect.arrayContaining(['showOverwriteConfirmation']),
    });
    expect(readFileSync(dest, 'utf8')).toMatch(/^\{.*"v":2.*\}\n$/);
  });

  it('writes nothing when the person cancels the save dialog', async () => {
    const { s, chatId } = await withChat();
    expect(await s.call('exportChat', { chatId })).toEqual({ ok: true, value: { saved: false } });
    expect(await s.call('backupVault')).toEqual({ ok: true, value: { saved: false } });
    expect(electron.dialog.fileDialogs.map((d) => d.kind)).toEqual(['save', 'save']);
  });

  it('backs up through the save dialog and restores through the open dialog', async () => {
    const { s } = await withChat();
    const backup = join(s.root, 'vault-backup.sqlite');
    electron.dialog.picks.push(backup, backup);
    expect(await s.call('backupVault')).toEqual({ ok: true, value: { saved: true, path: backup } });
    expect(existsSync(backup)).toBe(true);
    const restored = (await s.call('restoreVault')) as {
      ok: boolean;
      value: { restored: boolean; previous: string };
    };
    expect(restored.ok && restored.value.restored).toBe(true);
    expect(existsSync(restored.value.previous)).toBe(true);
    expect(electron.dialog.fileDialogs[1]).toMatchObject({
      kind: 'open',
      parent: s.win,
      opts: { properties: ['openFile'] },
    });
  });
});

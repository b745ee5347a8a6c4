import { type FormEvent, useEffect, useState } from 'react';
import { autoLockProblem, clipboardClearProblem, logoutAfterProblem } from '../../../src-shared/checks.js';
import { LIMITS } from '../../../src-shared/limits.js';
import type { Settings } from '../../../src-shared/types.js';
import { ActionButton } from '../components/ActionButton.js';
import { BackupSection } from '../components/BackupSection.js';
import { Dialog } from '../components/Dialog.js';
import { FormError } from '../components/FormError.js';
import { SecretField } from '../components/SecretField.js';
import { useToast } from '../components/Toasts.js';
import { call, errorText } from '../lib/api.js';
import { useAction } from '../lib/useAction.js';

/**
 * Settings: locking, the master phrase, deleting the profile. It opens once
 * the settings are loaded, so the focus starts in the first section.
 */
export function SettingsDialog({ onClose, onDeleted }: { onClose: () => void; onDeleted: () => void }) {
  const toast = useToast();
  const [settings, setSettings] = useState<Settings>();
  const [oldMaster, setOldMaster] = useState('');
  const [newMaster, setNewMaster] = useState('');
  const [newAgain, setNewAgain] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    call('getSettings').then(setSettings, (e) => setError(errorText(e)));
  }, [setError]);

  // Optimistic: the control shows the new value at once; a refusal puts the saved one back.
  const save = async (patch: Partial<Settings>) => {
    const before = settings;
    if (before) setSettings({ ...before, ...patch });
    try {
      setSettings(await call('setSettings', patch));
    } catch (e) {
      setSettings(before);
      setError(errorText(e));
    }
  };

  const changeMaster = (e: FormEvent) => {
    e.preventDefault();
    if (newMaster !== newAgain) return setError('The two new master phrases differ.');
    void run(async () => {
      await call('changeMaster', { oldMaster, newMaster });
      setOldMaster('');
      setNewMaster('');
      setNewAgain('');
      toast({ text: 'Master phrase changed.' });
    });
  };

  const deleteProfile = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('deleteProfile', { confirm });
      onDeleted();
    });
  };

  if (!settings && !error) return null;
  return (
    <Dialog title="Settings" onClose={onClose}>
      {settings && (
        <fieldset>
          <legend>Locking</legend>
          <label htmlFor="autolock">Lock chats after this many idle minutes (0: never)</label>
          <input
            id="autolock"
            type="number"
            min={0}
            max={LIMITS.autoLockMaxMinutes}
            value={settings.autoLockMinutes}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (!autoLockProblem(v)) void save({ autoLockMinutes: v });
            }}
          />
          <label className="inline">
            <input
              type="checkbox"
              checked={settings.lockOnSuspend}
              onChange={(e) => void save({ lockOnSuspend: e.target.checked })}
            />
            <span>Log out when the computer sleeps or the screen locks</span>
          </label>
          <label htmlFor="logout-after">Log out after this many idle minutes (0: never)</label>
          <input
            id="logout-after"
            type="number"
            min={0}
            max={LIMITS.autoLockMaxMinutes}
            value={settings.logoutAfterMinutes}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (!logoutAfterProblem(v)) void save({ logoutAfterMinutes: v });
            }}
          />
        </fieldset>
      )}
      {settings && (
        <fieldset>
          <legend>Clipboard</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={settings.offerClipboardImport}
              onChange={(e) => void save({ offerClipboardImport: e.target.checked })}
            />
            <span>When the window comes to the front, offer to import pointers on the clipboard</span>
          </label>
          <label htmlFor="clipboard-clear">
            Clear a copied pointer from the clipboard after this many seconds (0: never)
          </label>
          <input
            id="clipboard-clear"
            type="number"
            min={0}
            max={LIMITS.clipboardClearMaxSeconds}
            value={settings.clipboardClearSeconds}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (!clipboardClearProblem(v)) void save({ clipboardClearSeconds: v });
            }}
          />
        </fieldset>
      )}
      <form onSubmit={changeMaster}>
        <fieldset>
          <legend>Change master phrase</legend>
          <SecretField
            id="old-master"
            label="Current master phrase"
            value={oldMaster}
            onChange={setOldMaster}
            autoComplete="current-password"
          />
          <SecretField
            id="new-master"
            label="New master phrase"
            value={newMaster}
            onChange={setNewMaster}
            autoComplete="new-password"
          />
          <SecretField
            id="new-master2"
            label="New master phrase again"
            value={newAgain}
            onChange={setNewAgain}
            autoComplete="new-password"
          />
          <div className="actions">
            <ActionButton type="submit" enabled={!busy && !!oldMaster && !!newMaster && !!newAgain}>
              Change master phrase
            </ActionButton>
          </div>
        </fieldset>
      </form>
      <BackupSection />
      <form onSubmit={deleteProfile}>
        <fieldset>
          <legend>Delete profile</legend>
          <p className="hint">
            Deletes the vault file from this computer: every chat and message in it. This cannot be undone.
          </p>
          <label htmlFor="delete-confirm">Type DELETE to confirm</label>
          <input
            id="delete-confirm"
            type="text"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            autoComplete="off"
          />
          <div className="actions">
            <ActionButton type="submit" className="primary danger" enabled={confirm === 'DELETE'}>
              Delete profile
            </ActionButton>
          </div>
        </fieldset>
      </form>
      <FormError text={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { autoLockProblem } from '../../../src-shared/checks.js';
import { LIMITS } from '../../../src-shared/limits.js';
import type { Settings } from '../../../src-shared/types.js';
import { Dialog } from '../components/Dialog.js';
import { FormError } from '../components/FormError.js';
import { useToast } from '../components/Toasts.js';
import { call, errorText } from '../lib/api.js';

export function SettingsDialog({ onClose, onDeleted }: { onClose: () => void; onDeleted: () => void }) {
  const toast = useToast();
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<string>();
  const [oldMaster, setOldMaster] = useState('');
  const [newMaster, setNewMaster] = useState('');
  const [newAgain, setNewAgain] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('getSettings').then(setSettings, (e) => setError(errorText(e)));
  }, []);

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

  const changeMaster = async (e: FormEvent) => {
    e.preventDefault();
    if (newMaster !== newAgain) return setError('The two new master phrases differ.');
    setBusy(true);
    setError(undefined);
    try {
      await call('changeMaster', { oldMaster, newMaster });
      setOldMaster('');
      setNewMaster('');
      setNewAgain('');
      toast({ text: 'Master phrase changed.' });
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(false);
  };

  const deleteProfile = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await call('deleteProfile', { confirm });
      onDeleted();
    } catch (err) {
      setError(errorText(err));
    }
  };

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
        </fieldset>
      )}
      <form onSubmit={changeMaster}>
        <fieldset>
          <legend>Change master phrase</legend>
          <label htmlFor="old-master">Current master phrase</label>
          <input
            id="old-master"
            type="password"
            value={oldMaster}
            onChange={(e) => setOldMaster(e.target.value)}
            required
            autoComplete="current-password"
          />
          <label htmlFor="new-master">New master phrase</label>
          <input
            id="new-master"
            type="password"
            value={newMaster}
            onChange={(e) => setNewMaster(e.target.value)}
            required
            autoComplete="new-password"
          />
          <label htmlFor="new-master2">New master phrase again</label>
          <input
            id="new-master2"
            type="password"
            value={newAgain}
            onChange={(e) => setNewAgain(e.target.value)}
            required
            autoComplete="new-password"
          />
          <div className="actions">
            <button type="submit" disabled={busy || !oldMaster || !newMaster || !newAgain}>
              Change master phrase
            </button>
          </div>
        </fieldset>
      </form>
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
            <button type="submit" className="primary danger" disabled={confirm !== 'DELETE'}>
              Delete profile
            </button>
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

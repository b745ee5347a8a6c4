import { useState } from 'react';
import { call } from '../lib/api.js';
import { setLoginNotice } from '../lib/notice.js';
import { useAction } from '../lib/useAction.js';
import { ActionButton } from './ActionButton.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { FormError } from './FormError.js';

export const restoredNotice = (from: string, previous: string) =>
  `Restored from ${from}. The vault it replaced is kept at ${previous}. Log in with the backup's master phrase.`;

/**
 * Moving to another computer: a copy of the whole vault (as encrypted as the
 * vault) and restoring one. Main asks where with the system's dialogs; a
 * restore keeps the replaced vault beside it and logs out.
 */
export function BackupSection() {
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string>();
  const [confirming, setConfirming] = useState(false);

  const backup = () =>
    void run(async () => {
      setDone(undefined);
      const r = await call('backupVault');
      if (r.saved) setDone(`Backed up to ${r.path}. It opens with the same master phrase and chat secrets.`);
    });

  return (
    <fieldset>
      <legend>Backup</legend>
      <p className="hint">
        A backup is a copy of the whole vault, as encrypted as the vault itself. Restoring one replaces this
        vault; the vault it replaces is kept in a file beside it.
      </p>
      <div className="actions">
        <ActionButton type="button" enabled={!busy} onClick={backup}>
          Back up the vault…
        </ActionButton>
        <ActionButton type="button" enabled={!busy} onClick={() => setConfirming(true)}>
          Restore from a backup…
        </ActionButton>
      </div>
      <p className="hint" role="status">
        {done}
      </p>
      <FormError text={error} />
      {confirming && (
        <ConfirmDialog
          title="Restore from a backup"
          text="The vault on this computer will be replaced by the backup you choose next (it is kept in a file beside it), and you will be logged out."
          confirm="Choose the backup…"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            // The restore logs out: this screen may be gone when the answer comes, the login screen is not.
            const r = await call('restoreVault');
            if (r.restored) setLoginNotice(restoredNotice(r.from, r.previous));
            else setConfirming(false);
          }}
        />
      )}
    </fieldset>
  );
}

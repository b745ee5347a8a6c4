import { useEffect, useState } from 'react';
import { isWeakK, weakKNote } from '../../../src-shared/guess-cost.js';
import type { ChatInfo } from '../../../src-shared/types.js';
import { Dialog } from '../components/Dialog.js';
import { FingerprintPicture } from '../components/FingerprintPicture.js';
import { FormError } from '../components/FormError.js';
import { call, errorText } from '../lib/api.js';
import { plural } from '../lib/plural.js';
import { useAction } from '../lib/useAction.js';

/**
 * Chat details: format, id, k or suffix, and the fingerprint two people
 * compare. It opens once they are loaded, so the focus starts at its top.
 */
export function DetailsDialog({
  chatId,
  onClose,
  onChanged,
}: {
  chatId: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [info, setInfo] = useState<ChatInfo>();
  const { busy: saving, error, setError, run } = useAction();
  const load = () => call('chatInfo', { chatId }).then(setInfo, (e) => setError(errorText(e)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per chat
  useEffect(() => {
    void load();
  }, [chatId]);
  // Optimistic: the box shows the new state at once; a refusal puts the old one back.
  const toggleRemember = () => {
    if (!info || saving) return;
    setInfo({ ...info, remembered: !info.remembered });
    void run(async () => {
      try {
        await call(info.remembered ? 'forgetChat' : 'rememberChat', { chatId });
      } catch (e) {
        setInfo(info);
        throw e;
      }
      await load();
      onChanged();
    });
  };
  if (!info && !error) return null;
  return (
    <Dialog title="Chat details" onClose={onClose}>
      {info && (
        <>
          <dl className="details">
            <dt>Name</dt>
            <dd>{info.name}</dd>
            <dt>Format</dt>
            <dd>
              {info.format === 'legacy'
                ? 'Legacy (original console program, CLM 2.0.x)'
                : 'Sealed v2 (authenticated)'}
            </dd>
            <dt>Chat id</dt>
            <dd>
              <code>{info.wireId}</code>
            </dd>
            {info.format === 'legacy' ? (
              <>
                <dt>Seed suffix</dt>
                <dd>
                  <code>{info.suffix}</code>
                </dd>
              </>
            ) : (
              <>
                <dt>Cost k</dt>
                <dd>{info.k}</dd>
                {isWeakK(info.k) && (
                  <>
                    <dt>Protection</dt>
                    <dd>{weakKNote(info.k)}</dd>
                  </>
                )}
              </>
            )}
            <dt>Messages</dt>
            <dd>
              {plural(info.count, 'message')} ({info.trashCount.toLocaleString()} in the trash)
            </dd>
          </dl>
          <h3>Fingerprint</h3>
          <div className="fingerprint">
            <FingerprintPicture hex={info.fingerprintHex} />
            <code>{info.fingerprint}</code>
          </div>
          <p className="hint">
            Compare this code and picture with the other person's (side by side or read aloud). If they match,
            you hold the same secret; the code reveals nothing about it.
          </p>
          {info.format === 'legacy' && (
            <p className="warning">
              Legacy pointers are not authenticated: anyone can alter one undetected, a wrong secret is not
              always noticed, and two messages sent in the same second reuse a keystream.
            </p>
          )}
          <label className="inline">
            {/* Never disabled: a box disabled while saving would drop the focus; toggleRemember ignores clicks meanwhile. */}
            <input type="checkbox" checked={info.remembered} onChange={toggleRemember} />
            <span>
              Remember on this computer
              <span className="hint" style={{ display: 'block' }}>
                The chat opens with your login; whoever has your master phrase can then read it too.
              </span>
            </span>
          </label>
        </>
      )}
      <FormError text={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

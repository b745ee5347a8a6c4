import { type ClipboardEvent, type DragEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { LIMITS } from '../../../src-shared/limits.js';
import type { ImportOutcome } from '../../../src-shared/types.js';
import { ActionButton } from '../components/ActionButton.js';
import { Dialog } from '../components/Dialog.js';
import { FormError } from '../components/FormError.js';
import { ImportGroup, type Row } from '../components/ImportGroup.js';
import { SecretField } from '../components/SecretField.js';
import { call } from '../lib/api.js';
import { useFocusIfLost } from '../lib/focus.js';
import { groupKey, groupOutcomes, summaryText } from '../lib/importGroups.js';
import { isImage } from '../lib/readQrImage.js';
import { useAction } from '../lib/useAction.js';
import { useQrReader } from '../lib/useQrReader.js';

const SHOWN = 500;

/**
 * Import: paste (or drop a text file with) one or many pointers, or give an
 * image of a QR code (dropped, opened or pasted): its text fills the box as a
 * paste would, and nothing is imported until Import is pressed. Each pointer
 * reports what became of it, grouped by chat; a chat that needs a secret asks
 * for it once, for all its pointers. When one of those is done, its form goes,
 * and the focus moves on to the next group still asking, else to Close; when an import ends, its Cancel button
 * goes, and the focus moves back to Import.
 */
export function ImportDialog({
  initial,
  images = [],
  start = false,
  onClose,
  onImported,
}: {
  initial: string;
  /** Pictures (of QR codes) pasted or dropped on the window, read when the dialog opens. */
  images?: readonly File[];
  /** Import the text at once (the person asked for it: the clipboard banner). */
  start?: boolean;
  onClose: () => void;
  /** Something was imported or renamed; `stored` are the pointers just stored (for the unread counts). */
  onImported: (stored: readonly ImportOutcome[]) => void;
}) {
  const [text, setText] = useState(initial);
  const [secret, setSecret] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>();
  // Each pointer's group, fixed by the first answer: a row stays in its group as its outcome changes.
  const [keys, setKeys] = useState<string[]>([]);
  const { busy, error, setError, run } = useAction();
  // A QR code's text replaces the box's, as a paste would; a picture without one changes nothing.
  const qr = useQrReader(setText, setError);
  const reading = qr.reading;
  const results = useRef<HTMLDivElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const toNextRetry = useFocusIfLost(() => [
    results.current?.querySelector('form[data-pending] input'),
    closeButton.current,
  ]);
  const toImport = useFocusIfLost(() => [importButton.current]);

  useEffect(
    () =>
      window.clm.onEvent((e) => {
        if (e.type === 'import-progress') setProgress({ done: e.done, total: e.total });
      }),
    [],
  );

  const importAll = (e?: FormEvent) => {
    e?.preventDefault();
    setProgress(undefined);
    setOutcomes(undefined);
    void run(async () => {
      const got = await call('importPaste', { text, ...(secret ? { secret } : {}) });
      setKeys(got.map(groupKey));
      setOutcomes(got);
      setSecret('');
      onImported(got);
    }).then(toImport);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on opening
  useEffect(() => {
    if (start && text.trim()) importAll();
    if (images.length > 0) void qr.readImages(images);
  }, []);

  // Pictures of QR codes, one or many (a series comes as several); else the first text file.
  const readFiles = async (files: readonly File[]) => {
    const pictures = files.filter(isImage);
    if (pictures.length > 0) return qr.readImages(pictures);
    const file = files[0];
    if (!file) return;
    if (file.size > LIMITS.pasteBytes)
      return setError(`That file is larger than ${LIMITS.pasteBytes / 2 ** 20} MiB; split it first.`);
    setError(undefined);
    setText(await file.text());
  };
  // A file dropped anywhere on the dialog fills the text; the window behind must not see it too.
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    void readFiles([...e.dataTransfer.files]);
  };
  // A pasted picture (a screenshot of a code) is read; pasted text stays the text box's own.
  const onPaste = (e: ClipboardEvent) => {
    const image = [...e.clipboardData.files].find(isImage);
    if (!image || e.clipboardData.getData('text/plain').trim()) return;
    e.preventDefault();
    void qr.readImages([image]);
  };
  const close = () => {
    if (busy) void call('cancelImport');
    onClose();
  };

  const groups = outcomes ? groupOutcomes(keys) : [];
  // A paste of thousands lists the first SHOWN pointers (by group); the summary counts them all.
  let budget = SHOWN;

  return (
    <Dialog title="Import pointers" onClose={close} wide>
      <form onSubmit={importAll} onDrop={onDrop} onDragOver={(e) => e.preventDefault()} onPaste={onPaste}>
        <label htmlFor="import-text">
          Paste one or many pointers (or drop a text file or a QR code image here)
        </label>
        <textarea
          id="import-text"
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder='{"v":2,"c":"…","k":17,"e":…,"n":"…","d":"…","t":"…"}'
          data-autofocus
          spellCheck={false}
        />
        <div className="row" style={{ marginTop: 6 }}>
          <label htmlFor="import-file" style={{ margin: 0, fontWeight: 400 }}>
            Or open a text file or a QR code image:
          </label>
          <input
            id="import-file"
            type="file"
            accept=".txt,.json,text/plain,application/json,image/*"
            multiple
            onChange={(e) => {
              void readFiles([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </div>
        {reading && (
          <p role="status" className="hint">
            Reading the QR code…
          </p>
        )}
        {qr.series && !reading && (
          <p role="status" className="hint">
            {qr.series}
          </p>
        )}
        <SecretField
          id="import-secret"
          label="Chat secret for locked or new chats (optional)"
          value={secret}
          onChange={setSecret}
          required={false}
        />
        <p className="hint">
          Tried on every pointer whose chat is locked or unknown. A wrong secret creates and stores nothing.
        </p>
        {busy && (
          <div role="status" style={{ marginTop: 10 }}>
            <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Import progress" />
            <div className="row">
              <span className="hint">
                {progress
                  ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} pointers`
                  : 'Reading pointers…'}
              </span>
              <span className="spacer" />
              <button type="button" onClick={() => void call('cancelImport')}>
                Cancel import
              </button>
            </div>
          </div>
        )}
        <FormError text={error} />
        <div className="actions">
          <button type="button" onClick={close} ref={closeButton}>
            {busy ? 'Cancel and close' : 'Close'}
          </button>
          <ActionButton
            type="submit"
            className="primary"
            enabled={!busy && !reading && !!text.trim()}
            ref={importButton}
          >
            Import
          </ActionButton>
        </div>
      </form>
      {outcomes && (
        <section aria-label="Import results">
          <p role="status">{summaryText(outcomes, groups)}</p>
          <div ref={results}>
            {groups.map((g) => {
              const rows: Row[] = g.rows.flatMap((index) => {
                const outcome = outcomes[index];
                return outcome ? [{ index, outcome }] : [];
              });
              const shownRows = rows.slice(0, Math.max(0, budget));
              budget -= shownRows.length;
              return (
                <ImportGroup
                  key={g.key}
                  groupKey={g.key}
                  rows={rows}
                  shownRows={shownRows}
                  onRenamed={() => onImported([])}
                  onDone={(replaced) => {
                    setOutcomes((all) => {
                      const next = all ? [...all] : [];
                      for (const r of replaced) next[r.index] = r.outcome;
                      return next;
                    });
                    onImported(replaced.map((r) => r.outcome));
                    toNextRetry();
                  }}
                />
              );
            })}
          </div>
          {outcomes.length > SHOWN && (
            <p className="hint">…and {(outcomes.length - SHOWN).toLocaleString()} more.</p>
          )}
        </section>
      )}
    </Dialog>
  );
}

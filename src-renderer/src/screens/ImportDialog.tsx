import { type ClipboardEvent, type DragEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { LIMITS, utf16Units } from '../../../src-shared/limits.js';
import type { ImportOutcome } from '../../../src-shared/types.js';
import { ActionButton } from '../components/ActionButton.js';
import { Dialog } from '../components/Dialog.js';
import { FormError } from '../components/FormError.js';
import { SecretField } from '../components/SecretField.js';
import { call } from '../lib/api.js';
import { useFocusIfLost } from '../lib/focus.js';
import { plural } from '../lib/plural.js';
import { isImage, QrImageError, readQrImage } from '../lib/readQrImage.js';
import { useAction } from '../lib/useAction.js';

type Shown = ImportOutcome['kind'] | 'cancelled';

const LABEL: Record<Shown, string> = {
  stored: 'Stored',
  duplicate: 'Duplicate',
  'needs-secret': 'Needs the secret',
  'new-chat': 'New chat',
  'wrong-secret': 'Wrong secret',
  refused: 'Refused',
  cancelled: 'Cancelled',
};

/** A cancelled pointer is not a refusal of the pointer: it gets its own label and count. */
const shown = (o: ImportOutcome): Shown =>
  o.kind === 'refused' && o.code === 'cancelled' ? 'cancelled' : o.kind;

/**
 * The inline form for a pointer that needs a secret. For a locked chat: the
 * secret, then unlock and import. For a new chat, two steps: the secret is
 * checked against the pointer first (nothing is stored), then the name is
 * asked, prefilled with the sender's title when the pointer carries one.
 */
function RetryForm({ outcome, onDone }: { outcome: ImportOutcome; onDone: (o: ImportOutcome) => void }) {
  const [secret, setSecret] = useState('');
  const [name, setName] = useState<string>();
  const [title, setTitle] = useState<string>();
  const { busy, error, run } = useAction();
  const isNew = outcome.kind === 'new-chat' || outcome.kind === 'wrong-secret';
  const n = outcome.offset;

  const importWith = (extra: { name?: string }) =>
    run(async () => {
      const [o] = await call('importPaste', { text: outcome.pointer, secret, ...extra });
      if (o) onDone({ ...o, offset: outcome.offset });
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!isNew) return void importWith({});
    if (name !== undefined) return void importWith(name.trim() ? { name: name.trim() } : {});
    void run(async () => {
      const peek = await call('peekPointer', { text: outcome.pointer, secret });
      setTitle(peek.title);
      setName(peek.name);
    });
  };

  return (
    <form className="row" onSubmit={submit} style={{ marginTop: 6, flexWrap: 'wrap' }}>
      {name === undefined ? (
        <>
          <SecretField
            id={`rs-${n}`}
            label="Chat secret for this pointer"
            hiddenLabel
            placeholder="Chat secret"
            value={secret}
            onChange={setSecret}
            style={{ flex: 2 }}
          />
          <ActionButton type="submit" className="primary" enabled={!busy && !!secret}>
            {busy ? 'Checking…' : isNew ? 'Check secret' : 'Unlock and import'}
          </ActionButton>
        </>
      ) : (
        <>
          <label htmlFor={`rn-${n}`} className="sr-only">
            Name for the new chat
          </label>
          <input
            id={`rn-${n}`}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onFocus={(e) => e.target.select()}
            maxLength={utf16Units(LIMITS.titleChars)}
            required
            style={{ flex: 2 }}
            autoFocus
          />
          <ActionButton type="submit" className="primary" enabled={!busy && !!name.trim()}>
            {busy ? 'Creating…' : 'Create chat'}
          </ActionButton>
          <p className="hint" style={{ flexBasis: '100%', margin: 0 }}>
            {title !== undefined && name === title
              ? 'The secret opens it. Named as the sender calls it; change it if you like.'
              : 'The secret opens it. Give the new chat a name.'}
          </p>
        </>
      )}
      <FormError text={error} />
    </form>
  );
}

/**
 * Import: paste (or drop a text file with) one or many pointers, or give an
 * image of a QR code (dropped, opened or pasted): its text fills the box as a
 * paste would, and nothing is imported until Import is pressed. Each pointer
 * reports what became of it; those that need a secret ask for it inline. When
 * one of those is done, its form goes, and the focus moves on to the next
 * pointer still asking, else to Close; when an import ends, its Cancel button
 * goes, and the focus moves back to Import.
 */
export function ImportDialog({
  initial,
  onClose,
  onImported,
}: {
  initial: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const [text, setText] = useState(initial);
  const [secret, setSecret] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>();
  const [reading, setReading] = useState(false);
  const { busy, error, setError, run } = useAction();
  const results = useRef<HTMLOListElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const toNextRetry = useFocusIfLost(() => [
    results.current?.querySelector('form input'),
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

  const importAll = (e: FormEvent) => {
    e.preventDefault();
    setProgress(undefined);
    setOutcomes(undefined);
    void run(async () => {
      setOutcomes(await call('importPaste', { text, ...(secret ? { secret } : {}) }));
      setSecret('');
      onImported();
    }).then(toImport);
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (isImage(file)) return readImage(file);
    if (file.size > LIMITS.pasteBytes)
      return setError(`That file is larger than ${LIMITS.pasteBytes / 2 ** 20} MiB; split it first.`);
    setError(undefined);
    setText(await file.text());
  };
  // The QR code's text replaces the box's, as a paste would; a picture without one changes nothing.
  const readImage = async (file: File) => {
    setError(undefined);
    setReading(true);
    try {
      setText(await readQrImage(file));
    } catch (e) {
      setError(e instanceof QrImageError ? e.message : 'That image could not be read.');
    } finally {
      setReading(false);
    }
  };
  // A file dropped anywhere on the dialog fills the text; the window behind must not see it too.
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    void readFile(e.dataTransfer.files[0]);
  };
  // A pasted picture (a screenshot of a code) is read; pasted text stays the text box's own.
  const onPaste = (e: ClipboardEvent) => {
    const image = [...e.clipboardData.files].find(isImage);
    if (!image || e.clipboardData.getData('text/plain').trim()) return;
    e.preventDefault();
    void readImage(image);
  };
  const close = () => {
    if (busy) void call('cancelImport');
    onClose();
  };

  const counts: Record<string, number> = {};
  for (const o of outcomes ?? []) counts[shown(o)] = (counts[shown(o)] ?? 0) + 1;

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
            onChange={(e) => {
              void readFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </div>
        {reading && (
          <p role="status" className="hint">
            Reading the QR code…
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
          <p role="status">
            {plural(outcomes.length, 'pointer')}:{' '}
            {Object.entries(counts)
              .map(([k, n]) => `${n.toLocaleString()} ${LABEL[k as Shown].toLowerCase()}`)
              .join(', ')}
          </p>
          <ol className="outcomes" ref={results}>
            {outcomes.slice(0, 500).map((o, i) => (
              <li key={o.offset} className={o.kind}>
                <span className="kind">{LABEL[shown(o)]}</span>
                <span>{o.message}</span>
                {(o.kind === 'needs-secret' || o.kind === 'new-chat' || o.kind === 'wrong-secret') && (
                  <RetryForm
                    outcome={o}
                    onDone={(n) => {
                      setOutcomes((all) => all?.map((x, j) => (j === i ? n : x)));
                      onImported();
                      toNextRetry();
                    }}
                  />
                )}
              </li>
            ))}
          </ol>
          {outcomes.length > 500 && <p className="hint">…and {outcomes.length - 500} more.</p>}
        </section>
      )}
    </Dialog>
  );
}

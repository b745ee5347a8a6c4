import { type FormEvent, useState } from 'react';
import { LIMITS, utf16Units } from '../../../src-shared/limits.js';
import type { ImportOutcome, LocalChatId } from '../../../src-shared/types.js';
import { ApiError, call } from '../lib/api.js';
import { countsText, groupTitle, LABEL, NOT_OPENED, pending, rowText, shown } from '../lib/importGroups.js';
import { useAction } from '../lib/useAction.js';
import { ActionButton } from './ActionButton.js';
import { FormError } from './FormError.js';
import { HiddenCheckbox } from './HiddenCheckbox.js';
import { SecretField } from './SecretField.js';

/** A pointer's outcome and its place in the dialog's list. */
export interface Row {
  readonly index: number;
  readonly outcome: ImportOutcome;
}

/**
 * The pointers of one chat in an import: what became of each, and one form
 * for all of them. A locked chat asks for its secret and imports every
 * pointer waiting for it at once. A chat one does not have yet asks for the
 * secret (checked against one pointer; nothing is stored by looking), then a
 * name (the sender's title, else the original program's name for its chats
 * 0 to 2, else the app's default), then creates the chat with all of them.
 * A chat the dialog's own secret field created offers to rename it.
 */
export function ImportGroup(props: {
  groupKey: string;
  rows: readonly Row[];
  /** The rows shown (a paste of thousands shows the first few hundred). */
  shownRows: readonly Row[];
  onDone: (replaced: { index: number; outcome: ImportOutcome }[]) => void;
  onRenamed: () => void;
}) {
  const outcomes = props.rows.map((r) => r.outcome);
  const title = groupTitle(props.groupKey, outcomes);
  const waiting = props.rows.filter((r) => pending(r.outcome));
  const created = outcomes.find(
    (o): o is Extract<ImportOutcome, { kind: 'stored' }> => o.kind === 'stored' && o.created,
  );
  const id = props.groupKey.replace(/[^A-Za-z0-9_-]/g, '_');
  // A chat named in this group's own form has its name; one the dialog's secret field made may want one.
  const [named, setNamed] = useState(false);
  return (
    <section className="import-group" aria-label={title}>
      <h3>
        {title} <span className="hint">{countsText(outcomes)}</span>
      </h3>
      <ol className="outcomes">
        {props.shownRows.map(({ index, outcome: o }) => (
          <li key={index} className={o.kind}>
            <span className="kind">{LABEL[shown(o)]}</span>
            <span>{rowText(o)}</span>
          </li>
        ))}
      </ol>
      {waiting.length > 0 && (
        <SecretForm
          id={id}
          waiting={waiting}
          onDone={(replaced) => {
            setNamed(true);
            props.onDone(replaced);
          }}
        />
      )}
      {waiting.length === 0 && created && !named && (
        <RenameForm id={id} chatId={created.chatId} name={created.chatName} onRenamed={props.onRenamed} />
      )}
    </section>
  );
}

function SecretForm({
  id,
  waiting,
  onDone,
}: {
  id: string;
  waiting: readonly Row[];
  onDone: (replaced: { index: number; outcome: ImportOutcome }[]) => void;
}) {
  const [secret, setSecret] = useState('');
  const [name, setName] = useState<string>();
  const [title, setTitle] = useState<string>();
  const [hidden, setHidden] = useState(false);
  const { busy, error, setError, run } = useAction();
  const first = waiting[0]?.outcome;
  const isNew = waiting.every((r) => r.outcome.kind === 'new-chat' || r.outcome.kind === 'wrong-secret');
  const these = waiting.length === 1 ? 'this pointer' : `these ${waiting.length.toLocaleString()} pointers`;

  /** Imports every waiting pointer of the group in one paste; each row gets its own outcome back. */
  const importAll = (extra: { name?: string; hidden?: boolean }) =>
    run(async () => {
      const text = waiting.map((r) => r.outcome.pointer).join('\n');
      const got = await call('importPaste', { text, secret, ...extra });
      onDone(
        waiting.flatMap((r, i) => {
          const o = got[i];
          return o ? [{ index: r.index, outcome: { ...o, offset: r.outcome.offset } }] : [];
        }),
      );
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!first) return;
    if (!isNew) return void importAll({});
    if (name !== undefined)
      return void importAll({ ...(name.trim() ? { name: name.trim() } : {}), ...(hidden ? { hidden } : {}) });
    void run(async () => {
      try {
        const peek = await call('peekPointer', { text: first.pointer, secret });
        setTitle(peek.title);
        setName(peek.name);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'wrong-secret') return setError(NOT_OPENED);
        throw e;
      }
    });
  };

  return (
    <form className="row retry" data-pending onSubmit={submit}>
      {name === undefined ? (
        <>
          <SecretField
            id={`rs-${id}`}
            label={`Chat secret for ${these}`}
            hiddenLabel
            placeholder="Chat secret"
            value={secret}
            onChange={setSecret}
          />
          <ActionButton type="submit" className="primary" enabled={!busy && !!secret}>
            {busy ? 'Checking…' : isNew ? 'Check secret' : 'Unlock and import'}
          </ActionButton>
        </>
      ) : (
        <>
          <label htmlFor={`rn-${id}`} className="sr-only">
            Name for the new chat
          </label>
          <input
            id={`rn-${id}`}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onFocus={(e) => e.target.select()}
            maxLength={utf16Units(LIMITS.titleChars)}
            required
            autoFocus
          />
          <ActionButton type="submit" className="primary" enabled={!busy && !!name.trim()}>
            {busy ? 'Creating…' : 'Create chat'}
          </ActionButton>
          <p className="hint">
            {title !== undefined && name === title
              ? 'The secret opens it. Named as the sender calls it; change it if you like.'
              : 'The secret opens it. Give the new chat a name.'}
            {waiting.length > 1 ? ` All ${waiting.length.toLocaleString()} pointers go into it.` : ''}
          </p>
          <HiddenCheckbox id={`rh-${id}`} checked={hidden} onChange={setHidden} />
        </>
      )}
      <FormError text={error} />
    </form>
  );
}

/** A chat the import created with the dialog's secret field: its name, to keep or change. */
function RenameForm(props: { id: string; chatId: LocalChatId; name: string; onRenamed: () => void }) {
  const [name, setName] = useState(props.name);
  const [saved, setSaved] = useState(props.name);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = name.trim();
    if (!next || next === saved) return;
    void run(async () => {
      await call('renameChat', { chatId: props.chatId, name: next });
      setSaved(next);
      props.onRenamed();
    });
  };
  return (
    <form className="row retry" onSubmit={submit}>
      <label htmlFor={`rename-${props.id}`}>Name of the new chat</label>
      <input
        id={`rename-${props.id}`}
        type="text"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={utf16Units(LIMITS.titleChars)}
        required
      />
      <ActionButton type="submit" enabled={!busy && !!name.trim() && name.trim() !== saved}>
        Rename
      </ActionButton>
      {saved !== props.name && (
        <p className="hint" role="status">
          Renamed to "{saved}".
        </p>
      )}
      <FormError text={error} />
    </form>
  );
}

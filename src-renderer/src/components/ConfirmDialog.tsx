import { type FormEvent, useState } from 'react';
import { useAction } from '../lib/useAction.js';
import { Dialog } from './Dialog.js';
import { FormError } from './FormError.js';

/** Asks before anything that cannot be undone; optionally for a text (a new name). */
export function ConfirmDialog(props: {
  title: string;
  text: string;
  confirm: string;
  danger?: boolean;
  input?: { label: string; initial: string };
  onConfirm: (value: string) => Promise<void> | void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(props.input?.initial ?? '');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => props.onConfirm(value));
  };
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>{props.text}</p>
        {props.input && (
          <>
            <label htmlFor="confirm-input">{props.input.label}</label>
            <input
              id="confirm-input"
              type="text"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              required
              autoFocus
            />
          </>
        )}
        <FormError text={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={props.danger ? 'primary danger' : 'primary'}
            disabled={busy || (props.input && !value.trim())}
            autoFocus={!props.input}
          >
            {props.confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

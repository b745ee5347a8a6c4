import { type FormEvent, useState } from 'react';
import { useAction } from '../lib/useAction.js';
import { ActionButton } from './ActionButton.js';
import { Dialog } from './Dialog.js';
import { FormError } from './FormError.js';

/**
 * Asks before anything that cannot be undone; optionally for a text (a new
 * name). The focus starts on the text, else on the safe choice: Cancel before
 * a destructive action, the action itself otherwise.
 */
export function ConfirmDialog(props: {
  title: string;
  text: string;
  confirm: string;
  danger?: boolean;
  input?: { label: string; initial: string };
  onConfirm: (value: string) => Promise<unknown> | undefined;
  onClose: () => void;
}) {
  const [value, setValue] = useState(props.input?.initial ?? '');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await props.onConfirm(value);
    });
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
              data-autofocus
            />
          </>
        )}
        <FormError text={error} />
        <div className="actions">
          <button
            type="button"
            onClick={props.onClose}
            data-autofocus={props.danger && !props.input ? true : undefined}
          >
            Cancel
          </button>
          <ActionButton
            type="submit"
            className={props.danger ? 'primary danger' : 'primary'}
            enabled={!busy && !(props.input && !value.trim())}
            data-autofocus={!props.input && !props.danger ? true : undefined}
          >
            {props.confirm}
          </ActionButton>
        </div>
      </form>
    </Dialog>
  );
}

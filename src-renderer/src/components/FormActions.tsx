import type { ReactNode } from 'react';
import { ActionButton } from './ActionButton.js';

/** A dialog form's Cancel and its primary submit button, enabled when the form may be sent. */
export function FormActions({
  onCancel,
  enabled,
  children,
}: {
  onCancel: () => void;
  enabled: boolean;
  children: ReactNode;
}) {
  return (
    <div className="actions">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <ActionButton type="submit" className="primary" enabled={enabled}>
        {children}
      </ActionButton>
    </div>
  );
}

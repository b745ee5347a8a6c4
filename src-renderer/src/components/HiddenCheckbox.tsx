/** "Hidden chat", with the one line a person needs to choose it: where it shows, and how it comes back. */
export function HiddenCheckbox(props: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <>
      {/* Sized here: inside an import group's row form, inputs otherwise stretch to a text field's width. */}
      <label className="inline" htmlFor={props.id} style={{ flexBasis: '100%' }}>
        <input
          style={{ flex: 'none', minWidth: 0 }}
          id={props.id}
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          aria-describedby={`${props.id}-hint`}
        />
        <span>Hidden chat</span>
      </label>
      <p className="hint" id={`${props.id}-hint`}>
        Never listed while closed: it opens with its secret alone (Open a hidden chat…) and disappears again
        when locked.
      </p>
    </>
  );
}

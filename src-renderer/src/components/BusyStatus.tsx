/** What a slow action is doing (a key derivation takes about half a second, on purpose), announced politely. */
export function BusyStatus({ busy, text }: { busy: boolean; text: string }) {
  return busy ? (
    <p className="hint" role="status">
      <span className="spinner" aria-hidden="true" />
      {text}
    </p>
  ) : null;
}

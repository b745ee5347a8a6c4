/** A refusal's sentence, announced at once to screen readers. */
export function FormError({ text }: { text: string | undefined }) {
  return text ? (
    <p className="error" role="alert">
      {text}
    </p>
  ) : null;
}

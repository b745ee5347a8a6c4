/** Every refusal the app can give, as a stable code plus a sentence a person understands. */
export type ErrorCode =
  | 'empty'
  | 'not-json'
  | 'not-an-object'
  | 'unknown-version'
  | 'bad-field'
  | 'too-large'
  | 'bad-link'
  | 'empty-secret'
  | 'wrong-secret-or-altered'
  | 'not-a-message';

export interface ClmError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T, E = ClmError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <C extends string>(
  code: C,
  message: string,
): { ok: false; error: { code: C; message: string } } => ({
  ok: false,
  error: { code, message },
});

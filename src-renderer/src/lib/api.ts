import type { ArgsOf, CallName, ValueOf } from '../../../src-shared/contract.js';

/** A refusal from the app: a code for the program, a sentence for the person. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the bridge; a refusal becomes an ApiError carrying the app's sentence. */
export async function call<K extends CallName>(name: K, args?: ArgsOf<K>): Promise<ValueOf<K>> {
  const fn = window.clm[name] as (
    a?: ArgsOf<K>,
  ) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  const r = await fn(args);
  if (!r.ok) throw new ApiError(r.error?.code ?? 'internal', r.error?.message ?? 'Something went wrong.');
  return r.value as ValueOf<K>;
}

export const errorText = (e: unknown): string =>
  e instanceof ApiError ? e.message : 'Something went wrong; nothing was changed.';

import { ServiceError } from './service-error.js';

/** Below this a stored cost was not made by this app: a guess would be cheap, so it is not opened. */
export const MIN_STORED_LOG2N = 15;

const costFloor = (testLog2N: number | undefined) =>
  Math.min(MIN_STORED_LOG2N, testLog2N ?? MIN_STORED_LOG2N);

export const weakCost = (log2n: number | undefined, testLog2N: number | undefined): boolean =>
  log2n !== undefined && !(Number.isInteger(log2n) && log2n >= costFloor(testLog2N) && log2n <= 30);

/**
 * The sentence refusing a stored cost below 2^15, naming what it protects, or
 * undefined when the cost is accepted. Lower passes only when the messenger
 * was opened with a lower cost on purpose (`testLog2N`: a test's option, never
 * something a vault file or the environment can ask for).
 */
export function weakCostProblem(
  log2n: number | undefined,
  testLog2N: number | undefined,
  what: string,
): string | undefined {
  if (!weakCost(log2n, testLog2N)) return undefined;
  return `${what} is protected by a cost of 2^${log2n}, below the 2^${costFloor(testLog2N)} this app accepts, so it was not opened.`;
}

export function refuseWeakCost(log2n: number | undefined, testLog2N: number | undefined, what: string): void {
  const problem = weakCostProblem(log2n, testLog2N, what);
  if (problem) throw new ServiceError('bad-input', problem);
}

/** For a chat's summary: the sentence saying why a chat below the floor stays locked, if it does. */
export function notOpened(
  meta: { readonly name: string; readonly proofLog2N?: number },
  testLog2N: number | undefined,
): { notOpened?: string } {
  const problem = weakCostProblem(meta.proofLog2N, testLog2N, `Chat "${meta.name}"`);
  return problem === undefined ? {} : { notOpened: problem };
}

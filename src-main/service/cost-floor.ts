import { ServiceError } from './service-error.js';

/** Below this a stored cost was not made by this app: a guess would be cheap, so it is not opened. */
export const MIN_STORED_LOG2N = 15;

const costFloor = (testLog2N: number | undefined) =>
  Math.min(MIN_STORED_LOG2N, testLog2N ?? MIN_STORED_LOG2N);

export const weakCost = (log2n: number | undefined, testLog2N: number | undefined): boolean =>
  log2n !== undefined && !(Number.isInteger(log2n) && log2n >= costFloor(testLog2N) && log2n <= 30);

/**
 * Refuses a stored cost below 2^15, in one sentence naming what it protects.
 * Lower passes only when the messenger was opened with a lower cost on purpose
 * (`testLog2N`: a test's option, never something a vault file or the
 * environment can ask for).
 */
export function refuseWeakCost(log2n: number | undefined, testLog2N: number | undefined, what: string): void {
  const floor = costFloor(testLog2N);
  if (weakCost(log2n, testLog2N)) {
    throw new ServiceError(
      'bad-input',
      `${what} is protected by a cost of 2^${log2n}, below the 2^${floor} this app accepts, so it was not opened.`,
    );
  }
}

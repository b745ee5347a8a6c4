import { charCount, LIMITS } from './limits.js';

// Each check returns the sentence a person reads when the value is refused, or
// undefined when it is fine: the core wraps it in a Result, the service in a
// ServiceError, a form shows it beside the field.

export function kProblem(k: number): string | undefined {
  return Number.isInteger(k) && k >= LIMITS.kMin && k <= LIMITS.kMax
    ? undefined
    : `k must be a whole number from ${LIMITS.kMin} to ${LIMITS.kMax}.`;
}

/**
 * A legacy chat id as the original program writes it: any text without white
 * space. Its length is counted in UTF-16 units, as the pointer parser counts it.
 */
export function legacyChatIdProblem(id: string): string | undefined {
  return id === '' || id.length > LIMITS.legacyChatChars || /\s/.test(id)
    ? `A legacy chat id must be 1 to ${LIMITS.legacyChatChars} characters without spaces.`
    : undefined;
}

export function chatNameProblem(name: string): string | undefined {
  const n = charCount(name.trim());
  return n >= 1 && n <= LIMITS.titleChars
    ? undefined
    : `A chat name must be 1 to ${LIMITS.titleChars} characters.`;
}

export function nicknameProblem(nickname: string): string | undefined {
  const nick = nickname.trim();
  const n = charCount(nick);
  return n >= 1 && n <= LIMITS.authorChars && !nick.includes(': ')
    ? undefined
    : `The nickname must be 1 to ${LIMITS.authorChars} characters, without ": ".`;
}

export function autoLockProblem(minutes: number): string | undefined {
  return Number.isInteger(minutes) && minutes >= 0 && minutes <= LIMITS.autoLockMaxMinutes
    ? undefined
    : `Auto-lock minutes must be a whole number from 0 (never) to ${LIMITS.autoLockMaxMinutes}.`;
}

export function logoutAfterProblem(minutes: number): string | undefined {
  return Number.isInteger(minutes) && minutes >= 0 && minutes <= LIMITS.autoLockMaxMinutes
    ? undefined
    : `Log-out minutes must be a whole number from 0 (never) to ${LIMITS.autoLockMaxMinutes}.`;
}

export function clipboardClearProblem(seconds: number): string | undefined {
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= LIMITS.clipboardClearMaxSeconds
    ? undefined
    : `Clipboard seconds must be a whole number from 0 (never) to ${LIMITS.clipboardClearMaxSeconds}.`;
}

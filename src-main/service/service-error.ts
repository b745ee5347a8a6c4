/** Codes the service refuses with; each comes with one sentence for a person. */
export type ServiceErrorCode =
  | 'no-profile'
  | 'profile-exists'
  | 'not-logged-in'
  | 'wrong-passphrase'
  | 'unknown-chat'
  | 'ambiguous-chat'
  | 'chat-locked'
  | 'wrong-secret'
  | 'unknown-message'
  | 'bad-input'
  | 'not-confirmed'
  | 'vault-closed';

/** Thrown by the service; fronts turn it into a sentence (CLI) or an error result (IPC). */
export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

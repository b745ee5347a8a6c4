/**
 * The original program's three built-in chats: the id both sides type, the
 * suffix its keystream seed uses, and the name it shows. Any other id uses
 * the suffix "chat_<id>".
 */
export const LEGACY_PRESETS = [
  { id: '0', suffix: 'urgent', name: 'Urgent' },
  { id: '1', suffix: 'general', name: 'General chat' },
  { id: '2', suffix: 'secrets', name: 'Secrets' },
] as const;

/** The seed suffix the original program uses for a chat id. */
export const defaultLegacySuffix = (chat: string): string =>
  LEGACY_PRESETS.find((p) => p.id === chat)?.suffix ?? `chat_${chat}`;

/** The name a legacy chat gets when none is given: the original program's own for 0, 1 and 2. */
export const defaultLegacyName = (chat: string): string =>
  LEGACY_PRESETS.find((p) => p.id === chat)?.name ?? `Legacy chat ${chat}`;

import { useCallback, useEffect, useState } from 'react';
import type { ImportOutcome } from '../../../src-shared/types.js';

const TITLE = 'Chrono-Library Messenger';

/**
 * Messages imported into chats that were not on screen, per chat, for this
 * session only (kept here, not in the vault: they are about this window, and
 * a count on disk would say when one last looked). Viewing a chat clears its
 * count; the window title shows the total.
 */
export function useUnread(onScreen: number | undefined) {
  const [unread, setUnread] = useState<ReadonlyMap<number, number>>(new Map());

  const add = useCallback(
    (outcomes: readonly ImportOutcome[]) => {
      const stored = outcomes.filter((o) => o.kind === 'stored' && o.chatId !== onScreen);
      if (stored.length === 0) return;
      setUnread((u) => {
        const next = new Map(u);
        for (const o of stored) if (o.kind === 'stored') next.set(o.chatId, (next.get(o.chatId) ?? 0) + 1);
        return next;
      });
    },
    [onScreen],
  );

  useEffect(() => {
    if (onScreen === undefined) return;
    setUnread((u) => {
      if (!u.has(onScreen)) return u;
      const next = new Map(u);
      next.delete(onScreen);
      return next;
    });
  }, [onScreen]);

  let total = 0;
  for (const n of unread.values()) total += n;
  useEffect(() => {
    document.title = total > 0 ? `(${total.toLocaleString()}) ${TITLE}` : TITLE;
    return () => {
      document.title = TITLE;
    };
  }, [total]);

  return { unread, add };
}

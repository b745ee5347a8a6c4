import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { MessageView } from '../../../src-shared/types.js';
import { call } from './api.js';

const PAGE = 200;

interface Pages {
  /** Which history these pages are of: chat, trash or not, and the version they were loaded at. */
  readonly key: string;
  readonly total: number;
  /** Page 0 holds the newest PAGE messages, page 1 the PAGE before them, and so on. */
  readonly pages: ReadonlyMap<number, readonly MessageView[]>;
}

interface Loaded {
  readonly key: string;
  readonly page: number;
  readonly messages: readonly MessageView[];
  readonly total: number;
}

/** A page of a new key starts afresh; a page of the same key joins the others. */
function reduce(s: Pages, a: Loaded): Pages {
  const pages = new Map(a.key === s.key ? s.pages : []);
  pages.set(a.page, a.messages);
  return { key: a.key, total: a.total, pages };
}

const NONE: ReadonlyMap<number, readonly MessageView[]> = new Map();

export interface PagedHistory {
  /** How many messages the history holds (the last count known while a new version loads). */
  readonly total: number;
  /** The message at index i, 0 being the oldest; undefined while its page is on the way. */
  at(i: number): MessageView | undefined;
  /** Fetches the newest page and the pages holding these indexes, unless held or on the way. */
  want(indexes: Iterable<number>): void;
}

/**
 * A chat's history (or its trash) fetched from the main process in pages of
 * 200, as they are wanted. The pages are React state: a page arriving renders
 * by itself. A new `version` (something changed the chat) starts again from
 * the newest page; a page of an older version arriving late is dropped. Until
 * the new version's first page arrives, the last version's pages stay on show:
 * the rows do not blink into placeholders, and a focused button keeps the focus.
 */
export function usePagedHistory(chatId: number, trash: boolean, version: string): PagedHistory {
  const scope = `${chatId}:${trash}:`;
  const key = `${scope}${version}`;
  const [state, loaded] = useReducer(reduce, { key, total: 0, pages: NONE });
  const current = useRef(key);
  useEffect(() => {
    current.current = key;
  }, [key]);
  const loading = useRef(new Set<string>());

  const { total } = state;
  // What is loaded of this version (what want() fetches the rest of), and what is shown meanwhile.
  const pages = state.key === key ? state.pages : NONE;
  const shown = state.key.startsWith(scope) ? state.pages : NONE;
  const pageOf = (i: number) => Math.floor((total - 1 - i) / PAGE);

  const load = useCallback(
    async (page: number) => {
      const id = `${key}#${page}`;
      if (loading.current.has(id)) return;
      loading.current.add(id);
      try {
        const r = await call('history', { chatId, trash, page, pageSize: PAGE });
        if (current.current === key) loaded({ key, page, messages: r.messages, total: r.total });
      } catch {
        // A locked or deleted chat: the pane above shows why.
      } finally {
        loading.current.delete(id);
      }
    },
    [chatId, trash, key],
  );

  return {
    total,
    at(i) {
      const page = pageOf(i);
      const start = Math.max(0, total - (page + 1) * PAGE);
      return shown.get(page)?.[i - start];
    },
    want(indexes) {
      const wanted = new Set([0]);
      for (const i of indexes) wanted.add(pageOf(i));
      for (const page of wanted) if (!pages.has(page)) void load(page);
    },
  };
}

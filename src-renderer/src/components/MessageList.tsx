import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../../src-shared/types.js';
import { call } from '../lib/api.js';
import { fullTime, shortTime } from '../lib/time.js';

const PAGE = 200;

export interface MessageActions {
  copy(m: MessageView): void;
  qr(m: MessageView): void;
  trash?(m: MessageView): void;
  restore?(m: MessageView): void;
  purge?(m: MessageView): void;
}

function Bubble({ m, actions }: { m: MessageView; actions: MessageActions }) {
  return (
    <div className={`msg ${m.direction}`}>
      <div className="bubble">
        <div>
          <span className="who">{m.direction === 'sent' ? 'You' : m.author}</span>
          <time className="when" dateTime={new Date(m.epoch * 1000).toISOString()} title={fullTime(m.epoch)}>
            {shortTime(m.epoch)}
          </time>
        </div>
        <div className="text">{m.text}</div>
        <div className="tools">
          <button
            type="button"
            onClick={() => actions.copy(m)}
            aria-label={`Copy pointer of message ${m.id}`}
          >
            Copy pointer
          </button>
          <button type="button" onClick={() => actions.qr(m)} aria-label={`Show QR code of message ${m.id}`}>
            QR
          </button>
          {actions.trash && (
            <button
              type="button"
              onClick={() => actions.trash?.(m)}
              aria-label={`Move message ${m.id} to the trash`}
            >
              Trash
            </button>
          )}
          {actions.restore && (
            <button type="button" onClick={() => actions.restore?.(m)} aria-label={`Restore message ${m.id}`}>
              Restore
            </button>
          )}
          {actions.purge && (
            <button
              type="button"
              onClick={() => actions.purge?.(m)}
              aria-label={`Delete message ${m.id} forever`}
            >
              Delete forever
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The history, virtualized: only the rows on screen exist in the DOM, and
 * pages of 200 are fetched from the main process as they scroll into view,
 * so a chat of 100,000 messages scrolls as smoothly as one of ten.
 */
export function MessageList(props: {
  chatId: number;
  trash: boolean;
  version: string;
  actions: MessageActions;
}) {
  const { chatId, trash, version } = props;
  const [total, setTotal] = useState(0);
  const pages = useRef(new Map<number, MessageView[]>());
  const loading = useRef(new Set<number>());
  const [, setTick] = useState(0);
  const parent = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  const load = useCallback(
    async (page: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const r = await call('history', { chatId, trash, page, pageSize: PAGE });
        pages.current.set(page, r.messages);
        setTotal(r.total);
        setTick((t) => t + 1);
      } catch {
        // A locked or deleted chat: the pane above shows why.
      } finally {
        loading.current.delete(page);
      }
    },
    [chatId, trash],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the signal to reload
  useEffect(() => {
    pages.current = new Map();
    loading.current = new Set();
    void load(0);
  }, [load, version]);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 8,
  });

  const at = (i: number): MessageView | undefined => {
    const page = Math.floor((total - 1 - i) / PAGE);
    const rows = pages.current.get(page);
    if (!rows) return undefined;
    const start = Math.max(0, total - (page + 1) * PAGE);
    return rows[i - start];
  };

  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const it of items) {
      const page = Math.floor((total - 1 - it.index) / PAGE);
      if (!pages.current.has(page)) void load(page);
    }
  });

  // Newest at the bottom: start there, and stay there as messages arrive if the person was there.
  useEffect(() => {
    if (total > 0 && stick.current) virtualizer.scrollToIndex(total - 1, { align: 'end' });
  }, [total, virtualizer]);

  if (total === 0) {
    return (
      <p className="empty">{trash ? 'The trash is empty.' : 'No messages yet. Write the first one below.'}</p>
    );
  }

  return (
    <div
      className="messages"
      ref={parent}
      role="log"
      aria-label={trash ? 'Trash' : 'Messages'}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((it) => {
          const m = at(it.index);
          return (
            <div
              key={it.key}
              data-index={it.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${it.start}px)`,
              }}
            >
              {m ? <Bubble m={m} actions={props.actions} /> : <div className="msg">…</div>}
            </div>
          );
        })}
      </div>
    </div>
  );
}

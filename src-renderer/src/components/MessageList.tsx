import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { MessageView } from '../../../src-shared/types.js';
import { fullTime, shortTime } from '../lib/time.js';
import { usePagedHistory } from '../lib/usePagedHistory.js';

export interface MessageActions {
  copy(m: MessageView): void;
  qr(m: MessageView): void;
  trash?(m: MessageView): void;
  restore?(m: MessageView): void;
  purge?(m: MessageView): void;
}

/** "the message from alice at 14:02": a message as a person sees it, for the names of its buttons. */
const described = (m: MessageView): string =>
  `the message from ${m.direction === 'sent' ? 'You' : m.author} at ${shortTime(m.epoch)}`;

function Bubble({ m, actions }: { m: MessageView; actions: MessageActions }) {
  const it = described(m);
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
          <button type="button" onClick={() => actions.copy(m)} aria-label={`Copy pointer of ${it}`}>
            Copy pointer
          </button>
          <button type="button" onClick={() => actions.qr(m)} aria-label={`QR code of ${it}`}>
            QR
          </button>
          {actions.trash && (
            <button type="button" onClick={() => actions.trash?.(m)} aria-label={`Trash ${it}`}>
              Trash
            </button>
          )}
          {actions.restore && (
            <button type="button" onClick={() => actions.restore?.(m)} aria-label={`Restore ${it}`}>
              Restore
            </button>
          )}
          {actions.purge && (
            <button type="button" onClick={() => actions.purge?.(m)} aria-label={`Delete forever: ${it}`}>
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
  const { trash } = props;
  const history = usePagedHistory(props.chatId, trash, props.version);
  const { total } = history;
  const parent = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();

  // The pages of the rows on screen (and the newest), after every render: a page arriving renders by itself.
  useEffect(() => {
    history.want(items.map((it) => it.index));
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
          const m = history.at(it.index);
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

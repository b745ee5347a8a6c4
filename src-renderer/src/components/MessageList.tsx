import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../../src-shared/types.js';
import { focusLost } from '../lib/focus.js';
import { dayLabel, fullTime, sameDayEpoch, shortTime } from '../lib/time.js';
import { usePagedHistory } from '../lib/usePagedHistory.js';

/** What a message's buttons do; those that take it out of the list say whether it went. */
export interface MessageActions {
  copy(m: MessageView): void;
  /** The pointer as a clm:// link, which opens the app's import where it is installed. */
  copyLink(m: MessageView): void;
  qr(m: MessageView): void;
  trash?(m: MessageView): Promise<boolean>;
  restore?(m: MessageView): Promise<boolean>;
  purge?(m: MessageView): Promise<boolean>;
  /** A search result: open the history at this message. */
  show?(m: MessageView): void;
}

/**
 * A row's height, for the virtualizer. Read inside a ResizeObserver batch,
 * a changed height is handed over after the batch instead: when a row above
 * the fold changes, the virtualizer moves the scroll position and then
 * rebuilds its table of all rows' positions for each further row of the
 * batch, which in a chat of 100,000 messages made every frame of a
 * scrollbar drag 50 to 300 ms long. After the batch, the table is rebuilt
 * once, at the next render.
 */
function rowHeight(): (
  el: Element,
  entry: ResizeObserverEntry | undefined,
  v: Virtualizer<HTMLDivElement, Element>,
) => number {
  const later = new Map<number, number>();
  return (el, entry, v) => {
    const index = v.indexFromElement(el);
    const known = v.itemSizeCache.get(v.options.getItemKey(index));
    const box = entry?.borderBoxSize?.[0];
    if (!entry || !box) return known ?? Math.round(el.getBoundingClientRect().height);
    const size = Math.round(box.blockSize);
    if (size === known) return size;
    if (later.size === 0)
      queueMicrotask(() => {
        const sizes = [...later];
        later.clear();
        for (const [i, h] of sizes) v.resizeItem(i, h);
      });
    later.set(index, size);
    return known ?? v.options.estimateSize(index);
  };
}

/** "the message from alice at 14:02": a message as a person sees it, for the names of its buttons. */
const described = (m: MessageView): string =>
  `the message from ${m.direction === 'sent' ? 'You' : m.author} at ${shortTime(m.epoch)}`;

export function Bubble({
  m,
  actions,
  onRemoved,
  highlight = false,
}: {
  m: MessageView;
  actions: MessageActions;
  onRemoved: () => void;
  /** The message a search result opened: marked, and focused once shown. */
  highlight?: boolean;
}) {
  const it = described(m);
  const remove = (act: (m: MessageView) => Promise<boolean>) => () =>
    void act(m).then((gone) => gone && onRemoved());
  return (
    <div
      className={`msg ${m.direction}${highlight ? ' highlight' : ''}`}
      {...(highlight ? { tabIndex: -1, 'aria-current': true, 'data-highlight': true } : {})}
    >
      <div className="bubble">
        <div>
          <span className="who">{m.direction === 'sent' ? 'You' : m.author}</span>
          <time className="when" dateTime={new Date(m.epoch * 1000).toISOString()} title={fullTime(m.epoch)}>
            {shortTime(m.epoch)}
          </time>
        </div>
        <div className="text">{m.text}</div>
        <div className="tools">
          {actions.show && (
            <button type="button" onClick={() => actions.show?.(m)} aria-label={`Show in chat: ${it}`}>
              Show in chat
            </button>
          )}
          <button type="button" onClick={() => actions.copy(m)} aria-label={`Copy pointer of ${it}`}>
            Copy pointer
          </button>
          <button type="button" onClick={() => actions.copyLink(m)} aria-label={`Copy as link: ${it}`}>
            Copy as link
          </button>
          <button type="button" onClick={() => actions.qr(m)} aria-label={`QR code of ${it}`}>
            QR
          </button>
          {actions.trash && (
            <button type="button" onClick={remove(actions.trash)} aria-label={`Trash ${it}`}>
              Trash
            </button>
          )}
          {actions.restore && (
            <button type="button" onClick={remove(actions.restore)} aria-label={`Restore ${it}`}>
              Restore
            </button>
          )}
          {actions.purge && (
            <button type="button" onClick={remove(actions.purge)} aria-label={`Delete forever: ${it}`}>
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
 *
 * A message taken out of the list (trashed, restored, deleted) takes its
 * focused button with it: the focus moves to the first button of the message
 * that takes its place (the one after it, or before it when it was the last),
 * or to `onEmptied`'s choice when none is left.
 */
export function MessageList(props: {
  chatId: number;
  trash: boolean;
  version: string;
  actions: MessageActions;
  onEmptied: () => void;
  /** A message to show in its place, highlighted (a search result opened); `at` is its index. */
  jumpTo?: { id: MessageView['id']; at: number } | undefined;
}) {
  const { trash } = props;
  const history = usePagedHistory(props.chatId, trash, props.version);
  const { total } = history;
  const parent = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [removed, setRemoved] = useState<{ id: MessageView['id']; index: number }>();

  const [measure] = useState(rowHeight);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 8,
    measureElement: measure,
  });
  const items = virtualizer.getVirtualItems();

  // The pages of the rows on screen (and the newest), after every render: a page arriving renders by itself.
  useEffect(() => {
    history.want(items.map((it) => it.index));
  });

  // After a removal, once the list no longer shows the message: its successor's first button.
  useEffect(() => {
    if (!removed || history.at(removed.index)?.id === removed.id) return;
    const i = Math.min(removed.index, total - 1);
    const next = parent.current?.querySelector<HTMLElement>(`[data-index="${i}"] button`);
    if (total > 0 && (!history.at(i) || !next)) {
      virtualizer.scrollToIndex(i); // its page or its row is on the way
      return;
    }
    setRemoved(undefined);
    if (!focusLost()) return; // the person has gone somewhere else meanwhile
    if (next) next.focus();
    else props.onEmptied();
  });

  // Newest at the bottom: start there, and stay there as messages arrive if the person was there.
  useEffect(() => {
    if (total > 0 && stick.current && !props.jumpTo) virtualizer.scrollToIndex(total - 1, { align: 'end' });
  }, [total, virtualizer, props.jumpTo]);

  // A search result opened: its message in the middle, and the focus on it once it is there.
  const jump = props.jumpTo;
  const focused = useRef<{ jump: typeof jump; held: boolean }>(undefined);
  useEffect(() => {
    if (!jump || total === 0) return;
    stick.current = false;
    virtualizer.scrollToIndex(jump.at, { align: 'center' });
  }, [jump, total, virtualizer]);
  useEffect(() => {
    if (!jump) return;
    const row = parent.current?.querySelector<HTMLElement>('[data-highlight]');
    if (!row) return;
    const first = focused.current?.jump !== jump;
    // The list may re-mount the row as pages load around it, which drops the focus to <body>:
    // it goes back to the message until the person presses a key or the pointer.
    const lost = focused.current?.held === true && document.activeElement === document.body;
    if (!first && !lost) return;
    if (first) focused.current = { jump, held: true };
    row.focus({ preventScroll: true });
  });
  useEffect(() => {
    const release = () => {
      if (focused.current) focused.current.held = false;
    };
    document.addEventListener('keydown', release, true);
    document.addEventListener('pointerdown', release, true);
    return () => {
      document.removeEventListener('keydown', release, true);
      document.removeEventListener('pointerdown', release, true);
    };
  }, []);

  /** Home, End, Page Up and Down (Ctrl+Home/End too) go to exact messages, whatever their heights. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.shiftKey || e.metaKey) return;
    const range = virtualizer.range;
    const last = total - 1;
    let to: { index: number; align: 'start' | 'end' } | undefined;
    if (e.key === 'Home') to = { index: 0, align: 'start' };
    else if (e.key === 'End') to = { index: last, align: 'end' };
    else if (e.key === 'PageUp' && range) to = { index: Math.max(0, range.startIndex - 1), align: 'end' };
    else if (e.key === 'PageDown' && range)
      to = { index: Math.min(last, range.endIndex + 1), align: 'start' };
    if (!to) return;
    e.preventDefault();
    stick.current = to.index === last;
    virtualizer.scrollToIndex(to.index, { align: to.align });
  };

  if (total === 0) {
    return (
      <div className="messages empty-history">
        <p className="empty">
          {trash ? 'The trash is empty.' : 'No messages yet. Write the first one below.'}
        </p>
      </div>
    );
  }

  return (
    <div
      className="messages"
      ref={parent}
      role="log"
      aria-label={trash ? 'Trash' : 'Messages'}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((it) => {
          const m = history.at(it.index);
          const prev = it.index > 0 ? history.at(it.index - 1) : undefined;
          // A new day starts at the first message, and wherever the one before is of another day.
          const newDay = m && (it.index === 0 || (prev && !sameDayEpoch(prev.epoch, m.epoch)));
          return (
            // Keyed by message: a row that shows another message after a change is a new row.
            <div
              key={m ? m.id : `row ${it.index}`}
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
              {newDay && (
                <h3 className="day">
                  <span>{dayLabel(m.epoch)}</span>
                </h3>
              )}
              {m ? (
                <Bubble
                  m={m}
                  actions={props.actions}
                  onRemoved={() => setRemoved({ id: m.id, index: it.index })}
                  highlight={jump?.id === m.id}
                />
              ) : (
                <div className="msg">…</div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

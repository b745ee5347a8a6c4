import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../../src-shared/types.js';
import { focusLost } from '../lib/focus.js';
import { usePagedHistory } from '../lib/usePagedHistory.js';
import type { MessageActions } from './Bubble.js';
import { HistoryRow } from './HistoryRow.js';
import { RowHeightProbe } from './RowHeightProbe.js';

export { Bubble, type MessageActions } from './Bubble.js';

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
  const onRemoved = useCallback((m: MessageView, index: number) => setRemoved({ id: m.id, index }), []);

  // Rows are measured as they are shown, by the virtualizer's own ResizeObserver, one batch a frame.
  // Until then a row is as tall as a one-line message, which most rows are: a row measured at the
  // height it was given moves nothing, while one above the fold that grows moves the scroll position,
  // and the virtualizer then rebuilds its table of every row's position (100,000 of them) once for
  // each further row of that batch.
  const [rowPx, setRowPx] = useState(72);
  // Few rows beyond the visible ones: the rows of a scroll are rendered in its scroll event, before
  // the frame is painted, so more would only add work to every frame of a drag.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => rowPx,
    overscan: 3,
  });
  const items = virtualizer.getVirtualItems();

  // The pages of the rows on screen (and the newest), after every render: a page arriving renders by itself.
  // While the list moves, only rows still there since the last render: a drag of the scrollbar passes
  // thousands of rows a frame, and fetching (and decrypting) the pages of rows already gone took the
  // frames' time. When the scrolling stops (the virtualizer renders then), every row on screen.
  const lastShown = useRef<ReadonlySet<number>>(new Set());
  useEffect(() => {
    const shown = new Set(items.map((it) => it.index));
    const before = lastShown.current;
    lastShown.current = shown;
    history.want(virtualizer.isScrolling ? [...shown].filter((i) => before.has(i)) : shown);
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

  const probe = <RowHeightProbe onHeight={setRowPx} />;
  if (total === 0) {
    return (
      <>
        {probe}
        <div className="messages empty-history">
          <p className="empty">
            {trash ? 'The trash is empty.' : 'No messages yet. Write the first one below.'}
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      {probe}
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
                <HistoryRow
                  index={it.index}
                  m={m}
                  prevEpoch={it.index > 0 ? history.at(it.index - 1)?.epoch : undefined}
                  highlight={m !== undefined && jump?.id === m.id}
                  actions={props.actions}
                  onRemoved={onRemoved}
                  placeholderPx={rowPx}
                />
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}

import { memo } from 'react';
import type { MessageView } from '../../../src-shared/types.js';
import { dayLabel, sameDayEpoch } from '../lib/time.js';
import { Bubble, type MessageActions } from './Bubble.js';

/**
 * What one row of the history shows: the message (with the day's separator
 * when a new day starts at it), or a placeholder while its page is on the
 * way. Memoized: a scroll renders the rows that come into view, not again
 * every row on screen (formatting a row's times is the costly part).
 */
export const HistoryRow = memo(function HistoryRow({
  index,
  m,
  prevEpoch,
  highlight,
  actions,
  onRemoved,
  placeholderPx,
}: {
  index: number;
  /** Undefined while its page is on the way. */
  m: MessageView | undefined;
  /** The time of the message before it, when known. */
  prevEpoch: number | undefined;
  /** The message a search result opened. */
  highlight: boolean;
  actions: MessageActions;
  onRemoved: (m: MessageView, index: number) => void;
  /** A placeholder is as tall as the row the list expects, so the message replacing it moves nothing. */
  placeholderPx: number;
}) {
  if (!m)
    return (
      <div className="msg pending" style={{ height: placeholderPx }}>
        …
      </div>
    );
  // A new day starts at the first message, and wherever the one before is of another day.
  const newDay = index === 0 || (prevEpoch !== undefined && !sameDayEpoch(prevEpoch, m.epoch));
  return (
    <>
      {newDay && (
        <h3 className="day">
          <span>{dayLabel(m.epoch)}</span>
        </h3>
      )}
      <Bubble m={m} actions={actions} onRemoved={() => onRemoved(m, index)} highlight={highlight} />
    </>
  );
});

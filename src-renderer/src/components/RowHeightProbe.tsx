import { useLayoutEffect, useRef } from 'react';
import type { LocalChatId, MessageId, MessageView } from '../../../src-shared/types.js';
import { Bubble, type MessageActions } from './Bubble.js';

/** One line, no name: as tall as the shortest message row (a nonbreaking space keeps each line's height). */
const SAMPLE: MessageView = {
  id: 0 as MessageId,
  chatId: 0 as LocalChatId,
  direction: 'received',
  author: '\u00a0',
  text: '\u00a0',
  epoch: 0,
  storedAt: 0,
  deleted: false,
  pointer: '',
};
const NOTHING: MessageActions = { copy() {}, copyLink() {}, qr() {} };
const nothing = () => {};

/**
 * A message row nobody sees (hidden, inert, out of the flow and outside the
 * history, so no locator of the history finds it), measured at every change
 * of the text size: the height the list gives a row before it is measured.
 * When that guess is right, a row that scrolls in keeps its place and moves
 * nothing above it, and the virtualizer has no positions to rebuild.
 */
export function RowHeightProbe({ onHeight }: { onHeight: (px: number) => void }) {
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const probe = el.current;
    if (!probe) return;
    // Before the first paint, so the first rows are placed with it; then whenever the text size changes it.
    onHeight(Math.round(probe.getBoundingClientRect().height));
    const watch = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize[0];
      if (box) onHeight(Math.round(box.blockSize));
    });
    watch.observe(probe);
    return () => watch.disconnect();
  }, [onHeight]);
  return (
    <div className="row-probe" ref={el} aria-hidden="true" inert>
      <Bubble m={SAMPLE} actions={NOTHING} onRemoved={nothing} />
    </div>
  );
}

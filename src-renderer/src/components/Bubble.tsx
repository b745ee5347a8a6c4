import type { MessageView } from '../../../src-shared/types.js';
import { fullTime, shortTime } from '../lib/time.js';

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

/** "the message from alice at 14:02": a message as a person sees it, for the names of its buttons. */
const described = (m: MessageView, when: string): string =>
  `the message from ${m.direction === 'sent' ? 'You' : m.author} at ${when}`;

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
  const when = shortTime(m.epoch);
  const it = described(m, when);
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
            {when}
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

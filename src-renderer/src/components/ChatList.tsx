import { guessCost, isWeakK, weakKNote } from '../../../src-shared/guess-cost.js';
import type { ChatSummary } from '../../../src-shared/types.js';
import { plural } from '../lib/plural.js';
import { shortTime } from '../lib/time.js';
import { HiddenBadge } from './HiddenIcon.js';
import { LockIcon } from './LockIcon.js';

export function FormatBadge({ chat }: { chat: Pick<ChatSummary, 'format' | 'wireId'> }) {
  return chat.format === 'legacy' ? (
    <span className="badge legacy" title="Original console program's format: not authenticated">
      legacy {chat.wireId}
    </span>
  ) : (
    <span className="badge">sealed v2</span>
  );
}

/** When the chat last spoke: its newest message's own time (not when it was imported), else its creation. */
export const lastTime = (c: Pick<ChatSummary, 'lastActivity' | 'lastMessageAt'>): number =>
  c.lastMessageAt ?? c.lastActivity;

const lockText = (c: ChatSummary) =>
  (c.locked ? 'locked' : c.remembered ? 'remembered' : 'open') as 'locked' | 'open' | 'remembered';

/**
 * The chats, one button each. The button's name is what it shows (name, last
 * activity, format, lock state, count), so speech input can say what is seen;
 * no aria-label tells screen readers something else.
 */
export function ChatList(props: {
  chats: ChatSummary[];
  /** Messages imported this session into chats not on screen, by chat. */
  unread?: ReadonlyMap<number, number>;
  selected: number | undefined;
  onSelect: (id: number) => void;
}) {
  if (props.chats.length === 0) {
    return <p className="empty">No chats yet. Start one, or import a pointer someone sent you.</p>;
  }
  return (
    <ul className="chatlist" aria-label="Chats">
      {props.chats.map((c) => {
        const unread = props.unread?.get(c.id) ?? 0;
        return (
          <li key={c.id}>
            <button
              type="button"
              aria-current={props.selected === c.id}
              className={unread > 0 ? 'unread' : undefined}
              onClick={() => props.onSelect(c.id)}
            >
              <span className="name">{c.name}</span>
              <span className="meta">{shortTime(lastTime(c))}</span>
              <span className="meta">
                {isWeakK(c.k) && (
                  <span className="badge legacy" title={weakKNote(c.k)}>
                    weak: about {guessCost(c.k).time} a guess
                  </span>
                )}
                <FormatBadge chat={c} />
                {c.hidden && <HiddenBadge />}
                <span className="badge">
                  <LockIcon state={lockText(c)} /> {lockText(c)}
                </span>
              </span>
              <span className="meta">
                {plural(c.count, 'message')}
                {unread > 0 && <span className="badge count">{unread.toLocaleString()} unread</span>}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

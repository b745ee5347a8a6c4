import { useCallback, useRef, useState } from 'react';
import { LIMITS } from '../../../src-shared/limits.js';
import { pointersToLink } from '../../../src-shared/link.js';
import type { ChatSummary, MessageView } from '../../../src-shared/types.js';
import { FormatBadge, lastTime } from '../components/ChatList.js';
import { Composer } from '../components/Composer.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { FocusFallback } from '../components/FocusFallback.js';
import { HiddenBadge } from '../components/HiddenIcon.js';
import { MenuButton } from '../components/MenuButton.js';
import { Bubble, type MessageActions, MessageList } from '../components/MessageList.js';
import { QrDialog } from '../components/QrDialog.js';
import { useToast } from '../components/Toasts.js';
import { call, errorText } from '../lib/api.js';
import { plural } from '../lib/plural.js';
import { shortTime } from '../lib/time.js';
import { DetailsDialog } from './DetailsDialog.js';
import { HideChatDialog } from './HideChatDialog.js';

type Modal =
  | { kind: 'qr'; pointer: string }
  | { kind: 'details' }
  | { kind: 'rename' }
  | { kind: 'clear' }
  | { kind: 'delete' }
  | { kind: 'empty-trash' }
  | { kind: 'hide' }
  | undefined;

/**
 * An unlocked chat: history, composer, trash, search and the chat menu. When
 * an action takes away the focused element, the focus goes to the composer,
 * or in the trash to the button back to the messages.
 */
export function ChatView({
  chat,
  onChanged,
  focusComposer,
  onMoved,
}: {
  chat: ChatSummary;
  onChanged: () => Promise<void>;
  /** The chat was hidden or shown: it lives on under a new id, which the list should select. */
  onMoved: (c: ChatSummary) => void;
  /** The composer takes the focus when the view opens (a chat just created or unlocked). */
  focusComposer: boolean;
}) {
  const toast = useToast();
  const [view, setView] = useState<'messages' | 'trash'>('messages');
  const [version, setVersion] = useState(0);
  const [modal, setModal] = useState<Modal>();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<MessageView[]>();
  // A search result opened in its place in the history.
  const [jumpTo, setJumpTo] = useState<{ id: MessageView['id']; at: number }>();
  const composer = useRef<HTMLTextAreaElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const viewToggle = useRef<HTMLButtonElement>(null);
  const fallback = useCallback(() => [composer.current, viewToggle.current], []);
  const refresh = async () => {
    setVersion((v) => v + 1);
    await onChanged();
  };
  /** Runs an action, says how it went, reloads; true when it was done. */
  const act = async (fn: () => Promise<unknown>, done?: string): Promise<boolean> => {
    try {
      await fn();
      if (done) toast({ text: done });
      await refresh();
      return true;
    } catch (e) {
      toast({ text: errorText(e) });
      return false;
    }
  };

  // One pointer a line, what the import dialog reads: with the secret, it rebuilds the chat elsewhere.
  const exportPointers = async () => {
    try {
      const r = await call('exportChat', { chatId: chat.id });
      if (r.saved) toast({ text: `${plural(r.pointers, 'pointer')} written to ${r.path}.` });
    } catch (e) {
      toast({ text: errorText(e) });
    }
  };
  // Shown again among the visible chats: the list keeps it after a lock, under its new id.
  const show = async () => {
    try {
      const shown = await call('showChat', { chatId: chat.id });
      toast({ text: `"${shown.name}" is in the chat list again, like any chat.` });
      onMoved(shown);
    } catch (e) {
      toast({ text: errorText(e) });
    }
  };
  const copy = async (pointer: string, text: string) => {
    try {
      await call('copyText', { text: pointer });
      toast({ text, action: { label: 'Show QR', run: () => setModal({ kind: 'qr', pointer }) } });
    } catch (e) {
      toast({ text: errorText(e) });
    }
  };

  const copyLink = (m: MessageView) => {
    const link = pointersToLink([m.pointer]);
    if (link === undefined)
      return toast({ text: 'This pointer is too long for a link; copy the pointer instead.' });
    void copy(link, 'Link copied: clicked where the app is installed, it opens the import.');
  };

  const actions: MessageActions = {
    copy: (m) => void copy(m.pointer, 'Pointer copied to the clipboard.'),
    copyLink,
    qr: (m) => setModal({ kind: 'qr', pointer: m.pointer }),
    ...(view === 'messages'
      ? {
          trash: (m) =>
            act(() => call('trashMessage', { chatId: chat.id, messageId: m.id }), 'Moved to the trash.'),
        }
      : {
          restore: (m) =>
            act(() => call('restoreMessage', { chatId: chat.id, messageId: m.id }), 'Restored.'),
          purge: (m) =>
            act(() => call('purgeMessage', { chatId: chat.id, messageId: m.id }), 'Deleted forever.'),
        }),
  };

  /** Opens the history where a search result sits: its place counted from the oldest, then the list goes there. */
  const showInPlace = async (m: MessageView) => {
    try {
      const page = await call('history', { chatId: chat.id, around: m.id, pageSize: 1 });
      setJumpTo({ id: m.id, at: page.first ?? 0 });
      setResults(undefined);
    } catch (e) {
      toast({ text: errorText(e) });
    }
  };

  const send = async (text: string): Promise<boolean> => {
    try {
      const r = await call('send', { chatId: chat.id, text });
      void refresh();
      await copy(
        r.pointer,
        'Sent: the pointer is on the clipboard. Paste it to the other person by any channel.',
      );
      return true;
    } catch (e) {
      toast({ text: errorText(e) });
      return false;
    }
  };

  const search = async () => {
    if (!query.trim()) return setResults(undefined);
    try {
      setResults(await call('search', { chatId: chat.id, query }));
      setJumpTo(undefined);
    } catch (e) {
      toast({ text: errorText(e) });
    }
  };

  return (
    <FocusFallback to={fallback}>
      <header>
        <h2>{chat.name}</h2>
        <FormatBadge chat={chat} />
        {chat.hidden && <HiddenBadge />}
        <span className="hint">
          {chat.remembered
            ? 'remembered on this computer'
            : chat.lastMessageAt === undefined
              ? 'no messages yet'
              : `last message ${shortTime(lastTime(chat))}`}
        </span>
        <span className="spacer" />
        <button
          type="button"
          ref={viewToggle}
          aria-pressed={view === 'trash'}
          onClick={() => setView(view === 'trash' ? 'messages' : 'trash')}
        >
          {view === 'trash' ? 'Back to messages' : `Trash (${chat.trashCount})`}
        </button>
        <button type="button" onClick={() => setModal({ kind: 'details' })}>
          Details
        </button>
        <button
          type="button"
          onClick={() =>
            void act(
              () => call('lockChat', { chatId: chat.id }),
              // The name of a hidden chat stays off the screen once it is closed: someone
              // looking over the person's shoulder should see nothing of it.
              chat.hidden
                ? 'Hidden chat closed: only its secret opens it again.'
                : `Chat "${chat.name}" locked.`,
            )
          }
        >
          Lock
        </button>
        <MenuButton
          label="Chat menu"
          items={[
            { label: 'Rename…', run: () => setModal({ kind: 'rename' }) },
            { label: 'Chat details…', run: () => setModal({ kind: 'details' }) },
            { label: 'Export pointers…', run: () => void exportPointers() },
            chat.hidden
              ? { label: 'Show in the chat list', run: () => void show() }
              : { label: 'Hide this chat…', run: () => setModal({ kind: 'hide' }) },
            { label: 'Clear history…', run: () => setModal({ kind: 'clear' }), danger: true },
            { label: 'Delete chat…', run: () => setModal({ kind: 'delete' }), danger: true },
          ]}
        />
      </header>
      {chat.format === 'legacy' && (
        <p className="warning" style={{ margin: '8px 14px 0' }}>
          Legacy chat: pointers are not authenticated (anyone can alter them undetected). Use it to talk with
          the original console program.
        </p>
      )}
      {view === 'messages' ? (
        <div className="searchbar row">
          <label htmlFor="search" className="sr-only">
            Search this chat
          </label>
          <input
            id="search"
            ref={searchBox}
            type="search"
            placeholder="Search this chat"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              if (!e.target.value) setResults(undefined);
            }}
            onKeyDown={(e) => e.key === 'Enter' && void search()}
          />
          <button type="button" onClick={() => void search()}>
            Search
          </button>
        </div>
      ) : (
        <div className="searchbar row">
          <span className="hint">Messages in the trash can be restored or deleted forever.</span>
          <span className="spacer" />
          <button
            type="button"
            className="danger"
            disabled={chat.trashCount === 0}
            onClick={() => setModal({ kind: 'empty-trash' })}
          >
            Empty trash
          </button>
        </div>
      )}
      {results && view === 'messages' ? (
        <section className="messages" aria-label="Search results">
          <p className="hint">
            {results.length} result{results.length === 1 ? '' : 's'} for “{query}”
            {results.length >= LIMITS.searchResultsMax
              ? ` (showing the first ${LIMITS.searchResultsMax}: add a word to narrow the search)`
              : ''}{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                setResults(undefined);
                setQuery('');
                // This button goes with the results; the search box is where the person was.
                searchBox.current?.focus();
              }}
            >
              Clear search
            </button>
          </p>
          {results.map((m) => (
            <Bubble
              key={m.id}
              m={m}
              actions={{ ...actions, show: (r) => void showInPlace(r) }}
              onRemoved={() => void search()}
            />
          ))}
        </section>
      ) : (
        <MessageList
          chatId={chat.id}
          trash={view === 'trash'}
          // Reload when this view changed something, or when an import or another view changed the chat.
          version={`${version}:${chat.count}:${chat.trashCount}:${chat.lastActivity}`}
          actions={actions}
          onEmptied={() => (view === 'messages' ? composer : viewToggle).current?.focus()}
          jumpTo={view === 'messages' ? jumpTo : undefined}
        />
      )}
      {view === 'messages' && <Composer onSend={send} inputRef={composer} autoFocus={focusComposer} />}

      {modal?.kind === 'qr' && <QrDialog pointer={modal.pointer} onClose={() => setModal(undefined)} />}
      {modal?.kind === 'details' && (
        <DetailsDialog chatId={chat.id} onClose={() => setModal(undefined)} onChanged={onChanged} />
      )}
      {modal?.kind === 'hide' && (
        <HideChatDialog
          chat={chat}
          onClose={() => setModal(undefined)}
          onHidden={(hidden) => {
            setModal(undefined);
            toast({ text: `"${hidden.name}" is hidden: once locked, only its secret opens it again.` });
            onMoved(hidden);
          }}
        />
      )}
      {modal?.kind === 'rename' && (
        <ConfirmDialog
          title="Rename chat"
          text="The name is yours: it is stored encrypted on this computer."
          confirm="Rename"
          input={{ label: 'New name', initial: chat.name }}
          onClose={() => setModal(undefined)}
          onConfirm={(name) =>
            act(() => call('renameChat', { chatId: chat.id, name }), 'Renamed.').then(() =>
              setModal(undefined),
            )
          }
        />
      )}
      {modal?.kind === 'clear' && (
        <ConfirmDialog
          title="Clear history"
          text={`Delete all ${plural(chat.count + chat.trashCount, 'message')} of "${chat.name}" forever? The chat stays.`}
          confirm="Clear history"
          danger
          onClose={() => setModal(undefined)}
          onConfirm={() =>
            act(() => call('clearHistory', { chatId: chat.id }), 'History cleared.').then(() =>
              setModal(undefined),
            )
          }
        />
      )}
      {modal?.kind === 'empty-trash' && (
        <ConfirmDialog
          title="Empty trash"
          text={`Delete ${plural(chat.trashCount, 'message')} in the trash forever?`}
          confirm="Empty trash"
          danger
          onClose={() => setModal(undefined)}
          onConfirm={() =>
            act(() => call('emptyTrash', { chatId: chat.id }), 'Trash emptied.').then(() =>
              setModal(undefined),
            )
          }
        />
      )}
      {modal?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete chat"
          text={`Delete "${chat.name}" and all its messages from this computer? Pointers already handed over still exist elsewhere.`}
          confirm="Delete chat"
          danger
          onClose={() => setModal(undefined)}
          // The view goes with the chat; the focus moves to the chat list (see MainScreen).
          onConfirm={() => act(() => call('deleteChat', { chatId: chat.id }), 'Chat deleted.')}
        />
      )}
    </FocusFallback>
  );
}

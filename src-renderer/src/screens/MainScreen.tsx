import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatSummary } from '../../../src-shared/types.js';
import { ChatList } from '../components/ChatList.js';
import { ClipboardBanner } from '../components/ClipboardBanner.js';
import { FocusFallback } from '../components/FocusFallback.js';
import { useClearToasts, useToast } from '../components/Toasts.js';
import { call, errorText } from '../lib/api.js';
import { useFocusIfLost } from '../lib/focus.js';
import { isImage } from '../lib/readQrImage.js';
import { useUnread } from '../lib/useUnread.js';
import { ChatView } from './ChatView.js';
import { ImportDialog } from './ImportDialog.js';
import { NewChatDialog } from './NewChatDialog.js';
import { OpenHiddenDialog } from './OpenHiddenDialog.js';
import { SettingsDialog } from './SettingsDialog.js';
import { UnlockScreen } from './UnlockScreen.js';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/**
 * The main window: the chats and the actions beside them, and the chosen chat.
 * Focus that loses its place lands on the chat list (the open chat's entry, else
 * the first) or, with no chats, on New chat: on arriving from the login or
 * first-run form, and when a dialog's opener is gone.
 */
export function MainScreen(props: {
  nickname: string;
  onLoggedOut: () => void;
  importText: string | undefined;
  onImportShown: () => void;
}) {
  const toast = useToast();
  const [chats, setChats] = useState<ChatSummary[]>([]);
  const [selected, setSelected] = useState<number>();
  const [dialog, setDialog] = useState<
    | { kind: 'new' }
    | { kind: 'import'; text: string; start?: boolean; images?: readonly File[] }
    | { kind: 'settings' }
    | { kind: 'open-hidden' }
  >();
  // The chat just created or unlocked here: its composer takes the focus when it opens.
  const [arrived, setArrived] = useState<number>();
  const sidebar = useRef<HTMLElement>(null);
  const newChatButton = useRef<HTMLButtonElement>(null);
  const listTargets = useCallback(
    () => [
      sidebar.current?.querySelector('.chatlist [aria-current="true"]'),
      sidebar.current?.querySelector('.chatlist button'),
      newChatButton.current,
    ],
    [],
  );
  const focusList = useFocusIfLost(listTargets);

  const refresh = useCallback(async () => {
    try {
      setChats(await call('listChats'));
    } catch (e) {
      toast({ text: errorText(e) });
    }
  }, [toast]);

  useEffect(() => {
    void refresh().then(focusList);
    return window.clm.onEvent((e) => {
      if (e.type === 'chat-locked') {
        void refresh();
        if (e.reason === 'idle') toast({ text: 'A chat locked itself after being idle.' });
      }
      if (e.type === 'all-locked') {
        props.onLoggedOut();
        // Lock all (the button, or the menu through main) leaves the login: the list shows the locks.
        if (e.reason === 'request') void refresh();
      }
      // The application menu's shortcuts; a dialog already open keeps the screen.
      if (e.type === 'menu') {
        if (e.command === 'new-chat') setDialog((d) => d ?? { kind: 'new' });
        if (e.command === 'import') setDialog((d) => d ?? { kind: 'import', text: '' });
        if (e.command === 'open-hidden') setDialog((d) => d ?? { kind: 'open-hidden' });
        if (e.command === 'search') {
          const box = document.getElementById('search');
          if (box instanceof HTMLInputElement) {
            box.focus();
            box.select();
          }
        }
      }
    });
  }, [refresh, focusList, toast, props.onLoggedOut]);

  // Ctrl/Cmd+V anywhere outside a text field opens the import dialog with the clipboard's text, or
  // with its picture (a screenshot of a QR code) read.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (typing(e.target) || dialog) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      const images = [...(e.clipboardData?.files ?? [])].filter(isImage);
      if (text.trim()) {
        e.preventDefault();
        setDialog({ kind: 'import', text });
      } else if (images.length > 0) {
        e.preventDefault();
        setDialog({ kind: 'import', text: '', images });
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [dialog]);

  useEffect(() => {
    if (props.importText !== undefined) {
      setDialog({ kind: 'import', text: props.importText });
      props.onImportShown();
    }
  }, [props.importText, props.onImportShown]);

  const chat = chats.find((c) => c.id === selected);
  // The open chat left the list (a hidden chat locked): its view, and the focus in it, went with it.
  const vanished = selected !== undefined && !chat;
  useEffect(() => {
    if (vanished) focusList();
  }, [vanished, focusList]);
  const unread = useUnread(chat && !chat.locked ? chat.id : undefined);
  // Toasts belong to what they describe: another chat, or an unlock, takes them away; so does leaving.
  const clearToasts = useClearToasts();
  useEffect(() => clearToasts, [clearToasts]);
  const select = (id: number | undefined, focusComposer = false) => {
    if (id !== selected || focusComposer) clearToasts();
    setSelected(id);
    setArrived(focusComposer ? id : undefined);
  };

  return (
    <FocusFallback to={listTargets}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file of pointers anywhere is a shortcut; the Import button does the same */}
      <div
        className="layout"
        onDrop={(e) => {
          const files = [...e.dataTransfer.files];
          const images = files.filter(isImage);
          const f = files[0];
          if (!f) return;
          e.preventDefault();
          if (images.length > 0) setDialog({ kind: 'import', text: '', images });
          else void f.text().then((text) => setDialog({ kind: 'import', text }));
        }}
        onDragOver={(e) => e.preventDefault()}
      >
        <nav className="sidebar" aria-label="Chats and actions" ref={sidebar}>
          <h1 className="sr-only">Chrono-Library Messenger</h1>
          <header>
            <div className="row">
              <span className="me">{props.nickname}</span>
              <span className="spacer" />
              <button type="button" className="link" onClick={() => void call('logout')}>
                Log out
              </button>
            </div>
            <div className="toolbar">
              <button
                type="button"
                className="primary"
                ref={newChatButton}
                onClick={() => setDialog({ kind: 'new' })}
              >
                New chat
              </button>
              <button type="button" onClick={() => setDialog({ kind: 'import', text: '' })}>
                Import pointers
              </button>
              <button type="button" onClick={() => setDialog({ kind: 'open-hidden' })}>
                Open a hidden chat…
              </button>
              <button type="button" onClick={() => setDialog({ kind: 'settings' })}>
                Settings
              </button>
              <button
                type="button"
                // The list reloads on the 'all-locked' event the lock sends (as for the menu's Lock all).
                onClick={() => void call('lockAll')}
                title="Lock every chat that is not remembered"
              >
                Lock all
              </button>
            </div>
          </header>
          <ClipboardBanner
            paused={dialog !== undefined}
            onImport={(text) => setDialog({ kind: 'import', text, start: true })}
          />
          <ChatList chats={chats} unread={unread.unread} selected={selected} onSelect={(id) => select(id)} />
        </nav>
        <main className="pane" aria-label={chat ? `Chat ${chat.name}` : 'No chat selected'}>
          {!chat && (
            <p className="empty">
              Select a chat, start a new one, or paste (Ctrl+V) a pointer someone sent you.
            </p>
          )}
          {chat?.locked && (
            <UnlockScreen
              key={chat.id}
              chat={chat}
              onUnlocked={() => {
                select(chat.id, true);
                void refresh();
              }}
            />
          )}
          {chat && !chat.locked && (
            <ChatView
              key={chat.id}
              chat={chat}
              onChanged={refresh}
              focusComposer={arrived === chat.id}
              onMoved={(c) => void refresh().then(() => select(c.id, true))}
            />
          )}
        </main>
        {dialog?.kind === 'new' && (
          <NewChatDialog
            onClose={() => setDialog(undefined)}
            onCreated={(c) => {
              setDialog(undefined);
              void refresh().then(() => select(c.id, true));
            }}
          />
        )}
        {dialog?.kind === 'import' && (
          <ImportDialog
            initial={dialog.text}
            images={dialog.images ?? []}
            start={dialog.start ?? false}
            onClose={() => setDialog(undefined)}
            onImported={(stored) => {
              unread.add(stored);
              void refresh();
            }}
          />
        )}
        {dialog?.kind === 'open-hidden' && (
          <OpenHiddenDialog
            onClose={() => setDialog(undefined)}
            onOpened={(c) => {
              setDialog(undefined);
              void refresh().then(() => select(c.id, true));
            }}
          />
        )}
        {dialog?.kind === 'settings' && (
          <SettingsDialog onClose={() => setDialog(undefined)} onDeleted={props.onLoggedOut} />
        )}
      </div>
    </FocusFallback>
  );
}

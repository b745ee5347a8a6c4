import type { z } from 'zod';
import {
  type BridgeEvent,
  type BridgeResult,
  type CallName,
  contract,
  INVOKE_CHANNEL_PREFIX,
} from '../../src-shared/contract.js';
import type { Messenger } from '../service/messenger.js';
import { ServiceError } from '../service/service-error.js';
import { type FileChooser, fileCalls } from './file-calls.js';

export interface RouterDeps {
  readonly messenger: Messenger;
  /** Clipboard writes happen in main (the shell's clipboard, or a test double). */
  readonly writeClipboard: (text: string) => void;
  /** Reads the clipboard's text; only for clipboardPointers, which the window calls when it gains the focus. */
  readonly readClipboard?: () => string | Promise<string>;
  /** Delivers an event to the renderer. */
  readonly emit: (e: BridgeEvent) => void;
  /** Save and open dialogs (the shell's, or a test double); without them the file calls refuse. */
  readonly files?: FileChooser;
  /** Told of a call that failed unexpectedly (the shell's crash log); the window only hears "internal". */
  readonly onInternalError?: (call: string, e: unknown) => void;
}

type Handlers = { [K in CallName]: (args: z.output<(typeof contract)[K]['args']>) => unknown };

function handlers(d: RouterDeps): Handlers {
  const m = d.messenger;
  let importAbort: AbortController | undefined;
  return {
    status: () => m.status(),
    createProfile: (a) => m.createProfile(a.nickname, a.master),
    login: (a) => m.login(a.master),
    logout: () => m.logout(),
    changeMaster: (a) => m.changeMaster(a.oldMaster, a.newMaster),
    deleteProfile: (a) => m.deleteProfile(a.confirm),
    getSettings: () => m.settings(),
    setSettings: (a) => m.setSettings(a),
    listChats: () => m.listChats(),
    createChat: (a) => m.createChat(a),
    unlockChat: (a) => m.unlockChat(a.chatId, a.secret),
    lockChat: (a) => m.lockChat(a.chatId),
    lockAll: () => m.lockAll('request'),
    chatInfo: (a) => m.chatInfo(a.chatId),
    renameChat: (a) => m.renameChat(a.chatId, a.name),
    deleteChat: (a) => m.deleteChat(a.chatId),
    rememberChat: (a) => m.rememberChat(a.chatId),
    forgetChat: (a) => m.forgetChat(a.chatId),
    openHiddenChat: (a) => m.openHidden(a.secret),
    hideChat: (a) => m.hideChat(a.chatId, a.secret),
    showChat: (a) => m.showChat(a.chatId),
    send: (a) => m.send(a.chatId, a.text),
    history: (a) => m.history(a.chatId, a),
    search: (a) => m.search(a.chatId, a.query),
    trashMessage: (a) => m.trashMessage(a.chatId, a.messageId),
    restoreMessage: (a) => m.restoreMessage(a.chatId, a.messageId),
    purgeMessage: (a) => m.purgeMessage(a.chatId, a.messageId),
    emptyTrash: (a) => m.emptyTrash(a.chatId),
    clearHistory: (a) => m.clearHistory(a.chatId),
    importPaste: async (a) => {
      importAbort?.abort();
      const ctl = new AbortController();
      importAbort = ctl;
      try {
        return await m.importPaste(a.text, {
          ...(a.secret === undefined ? {} : { secret: a.secret }),
          ...(a.name === undefined ? {} : { name: a.name }),
          ...(a.suffix === undefined ? {} : { suffix: a.suffix }),
          ...(a.hidden === undefined ? {} : { hidden: a.hidden }),
          signal: ctl.signal,
          // Called once per committed batch (and before each wait for a key): every call is news.
          onProgress: (done, total) => d.emit({ type: 'import-progress', done, total }),
        });
      } finally {
        if (importAbort === ctl) importAbort = undefined;
      }
    },
    peekPointer: (a) => m.peekPointer(a.text, a.secret, a.suffix),
    cancelImport: () => importAbort?.abort(),
    copyText: (a) => d.writeClipboard(a.text),
    clipboardPointers: async () => m.unstoredPointers((await d.readClipboard?.()) ?? ''),
    ...fileCalls(m, d.files),
  };
}

const isCall = (name: string): name is CallName => Object.hasOwn(contract, name);

/** One sentence per schema problem kind, never the value that was sent (it may be a secret). */
function describeInvalid(name: string, issues: z.core.$ZodIssue[]): string {
  const first = issues[0];
  const where = first?.path.length ? ` (${first.path.join('.')})` : '';
  const kind =
    first?.code === 'unrecognized_keys'
      ? 'has an argument it does not take'
      : first?.code === 'too_big'
        ? 'has an argument that is too long or too large'
        : 'has a missing or wrongly typed argument';
  return `The call ${name} ${kind}${where}.`;
}

/**
 * The IPC router: validate against the contract, call the service, wrap the
 * answer. The renderer only ever sees {ok, value} or {ok:false, error:{code,
 * message}}: never a stack, never an exception object.
 */
export function createRouter(deps: RouterDeps) {
  const h = handlers(deps);
  deps.messenger.onEvent((e) => deps.emit(e));
  return async function route(channel: string, rawArgs: unknown): Promise<BridgeResult<unknown>> {
    const name = channel.startsWith(INVOKE_CHANNEL_PREFIX) ? channel.slice(INVOKE_CHANNEL_PREFIX.length) : '';
    if (!isCall(name))
      return { ok: false, error: { code: 'unknown-call', message: 'There is no such call.' } };
    const parsed = contract[name].args.safeParse(rawArgs ?? undefined);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'bad-arguments', message: describeInvalid(name, parsed.error.issues) },
      };
    }
    try {
      const handler = h[name] as (a: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      if (e instanceof ServiceError) return { ok: false, error: { code: e.code, message: e.message } };
      deps.onInternalError?.(name, e);
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong; nothing was changed.' },
      };
    }
  };
}

export type Router = ReturnType<typeof createRouter>;

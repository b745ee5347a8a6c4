/**
 * A stand-in for the 'electron' module, just large enough for src-main/shell:
 * each fake records what the shell asked of it and lets a test play Electron's
 * part (emit its events, answer its dialogs). `vi.mock('electron', () =>
 * electronModule)` in a test file; `resetElectron()` before each test.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** An Electron event as the shell uses it: preventable. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(public url: string) {}
}

type PermissionRequestHandler = (wc: unknown, permission: string, done: (granted: boolean) => void) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string) => boolean;

class FakeSession {
  requestHandler: PermissionRequestHandler | undefined;
  checkHandler: PermissionCheckHandler | undefined;
  setPermissionRequestHandler(h: PermissionRequestHandler | null): void {
    this.requestHandler = h ?? undefined;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler | null): void {
    this.checkHandler = h ?? undefined;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeFrame('');
  readonly session = new FakeSession();
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  /** True from loadURL until the page has loaded (finishLoad). */
  loading = false;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isLoading(): boolean {
    return this.loading;
  }
  /** The page finished loading: its scripts ran and listen for events. */
  finishLoad(): void {
    this.loading = false;
    this.emit('did-finish-load');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits an event the way Electron does (a preventable event first) and returns it. */
  dispatch(name: string, ...args: unknown[]): FakeEvent {
    const e = new FakeEvent();
    this.emit(name, e, ...args);
    return e;
  }
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

type WindowOptions = Record<string, unknown> & {
  webPreferences?: Record<string, unknown>;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
};

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  minimized = false;
  maximized = false;
  focused = false;
  visible = false;
  destroyed = false;
  /** The window's bounds when neither maximized nor minimized. */
  normalBounds: Rectangle;
  constructor(readonly options: WindowOptions) {
    super();
    // As Electron: 800×600 unless given; centred on the primary work area unless x and y are given.
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    const area = electron.screen.primary.workArea;
    this.normalBounds = {
      x: options.x ?? area.x + Math.round((area.width - width) / 2),
      y: options.y ?? area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
    FakeBrowserWindow.all.push(this);
  }
  getNormalBounds(): Rectangle {
    return { ...this.normalBounds };
  }
  /** The person drags or resizes the window (in its normal state). */
  setBounds(b: Partial<Rectangle>): void {
    this.normalBounds = { ...this.normalBounds, ...b };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  /** As on Windows and Linux, maximizing a hidden window shows it. */
  maximize(): void {
    this.maximized = true;
    this.visible = true;
  }
  unmaximize(): void {
    this.maximized = false;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    this.webContents.loading = true;
    return Promise.resolve();
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
  show(): void {
    this.visible = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The person closes the window: 'close' first (preventable), then 'closed'. */
  close(): void {
    const e = new FakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  gotSingleInstanceLock = true;
  isPackaged = false;
  userData = '';
  appPath = '';
  /** Set when a quit went through (no before-quit listener prevented it). */
  exited = false;
  /** Called at the moment the app would exit: what is true then is what the person's files keep. */
  onExit: (() => void) | undefined;
  version = '0.1.0';
  getVersion(): string {
    return this.version;
  }
  /** Schemes the app asked the system to hand it (setAsDefaultProtocolClient). */
  readonly protocolClients: string[] = [];
  setAsDefaultProtocolClient(scheme: string): boolean {
    this.protocolClients.push(scheme);
    return true;
  }
  requestSingleInstanceLock(): boolean {
    return this.gotSingleInstanceLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Where the person's documents are (the save and open dialogs start there). */
  documents = '/home/person/Documents';
  getPath(name: string): string {
    if (name === 'documents') return this.documents;
    if (name !== 'userData') throw new Error(`the double knows only userData and documents, not ${name}`);
    return this.userData;
  }
  getAppPath(): string {
    return this.appPath;
  }
  /** The code the app exited with through app.exit() (which, as in Electron, skips before-quit). */
  exitCode: number | undefined;
  exit(code = 0): void {
    this.exitCode = code;
    this.exited = true;
    this.onExit?.();
  }
  /** As Electron: before-quit first, which a listener may prevent; otherwise the app exits. */
  quit(): void {
    const e = new FakeEvent();
    this.emit('before-quit', e);
    if (e.defaultPrevented || this.exited) return;
    this.exited = true;
    this.onExit?.();
  }
}

type Handler = (req: Request) => Promise<Response>;

class FakeProtocol {
  readonly privileged: unknown[] = [];
  readonly handlers = new Map<string, Handler>();
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: Handler): void {
    this.handlers.set(scheme, handler);
  }
  /** A request the page makes for an app:// URL, answered by the shell's handler. */
  request(url: string): Promise<Response> {
    const h = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!h) throw new Error(`no handler for ${url}`);
    return h(new Request(url));
  }
}

/** net.fetch for file: URLs, failing on a missing file as Electron's does (net::ERR_FILE_NOT_FOUND). */
const net = {
  async fetch(url: string): Promise<Response> {
    const body = await readFile(fileURLToPath(url));
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/html' } });
  },
};

type IpcHandler = (event: { senderFrame: FakeFrame | null }, args: unknown) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, fn: IpcHandler): void {
    // Electron refuses a second handler for a channel.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  /** A renderer call on channel from the given frame. */
  async invoke(channel: string, frame: FakeFrame | null, args?: unknown): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`no handler for ${channel}`);
    return fn({ senderFrame: frame }, args);
  }
}

class FakeDialog {
  readonly messageBoxes: Record<string, unknown>[] = [];
  readonly openDialogs: Record<string, unknown>[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  /** Buttons the person presses, in order; none left means the first (Quit). */
  readonly answers: number[] = [];
  /** Files the person picks, in order; undefined is Cancel. */
  readonly picks: (string | undefined)[] = [];
  showMessageBoxSync(opts: Record<string, unknown>): number {
    this.messageBoxes.push(opts);
    return this.answers.shift() ?? 0;
  }
  showOpenDialogSync(opts: Record<string, unknown>): string[] | undefined {
    this.openDialogs.push(opts);
    const pick = this.picks.shift();
    return pick === undefined ? undefined : [pick];
  }
  /** The asynchronous save and open dialogs: (window, options) or (options), answered from `picks`. */
  readonly fileDialogs: { kind: 'save' | 'open'; parent: unknown; opts: Record<string, unknown> }[] = [];
  showSaveDialog(
    ...args: [unknown, Record<string, unknown>] | [Record<string, unknown>]
  ): Promise<{ canceled: boolean; filePath: string }> {
    const [parent, opts] = args.length === 2 ? args : [undefined, args[0]];
    this.fileDialogs.push({ kind: 'save', parent, opts });
    const pick = this.picks.shift();
    return Promise.resolve(
      pick === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath: pick },
    );
  }
  showOpenDialog(
    ...args: [unknown, Record<string, unknown>] | [Record<string, unknown>]
  ): Promise<{ canceled: boolean; filePaths: string[] }> {
    const [parent, opts] = args.length === 2 ? args : [undefined, args[0]];
    this.fileDialogs.push({ kind: 'open', parent, opts });
    const pick = this.picks.shift();
    return Promise.resolve(
      pick === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [pick] },
    );
  }
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
  /** The window each asynchronous box was attached to (undefined: none), in order. */
  readonly boxParents: unknown[] = [];
  /** As Electron: (window, options) or (options); recorded with the sync boxes. */
  showMessageBox(
    ...args: [unknown, Record<string, unknown>] | [Record<string, unknown>]
  ): Promise<{ response: number }> {
    const [parent, opts] = args.length === 2 ? args : [undefined, args[0]];
    this.boxParents.push(parent);
    this.messageBoxes.push(opts);
    return Promise.resolve({ response: this.answers.shift() ?? 0 });
  }
}

export interface FakeDisplay {
  id: number;
  bounds: Rectangle;
  workArea: Rectangle;
}

/** A display whose work area is its bounds less a 40-pixel bar at the bottom. */
export function display(id: number, bounds: Rectangle): FakeDisplay {
  return { id, bounds, workArea: { ...bounds, height: bounds.height - 40 } };
}

/** The screens attached: one 1920×1080 display unless a test plugs in others. */
class FakeScreen {
  displays: FakeDisplay[] = [display(1, { x: 0, y: 0, width: 1920, height: 1080 })];
  get primary(): FakeDisplay {
    const first = this.displays[0];
    if (!first) throw new Error('the double needs at least one display');
    return first;
  }
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    return this.primary;
  }
}

type Template = Record<string, unknown>[];

/** Electron's ClipboardItem: the formats given, as given. */
export class FakeClipboardItem {
  constructor(readonly items: Record<string, string | Blob>) {}
  get types(): string[] {
    return Object.keys(this.items);
  }
}

/** The system clipboard: its text and the formats of the last write (Electron 45's promise API). */
class FakeClipboard {
  text = '';
  formats: string[] = [];
  async write(items: FakeClipboardItem[]): Promise<void> {
    const item = items[0];
    const text = item?.items['text/plain'];
    this.text = typeof text === 'string' ? text : '';
    this.formats = item?.types ?? [];
  }
  async writeText(t: string): Promise<void> {
    this.text = t;
    this.formats = ['text/plain'];
  }
  async readText(): Promise<string> {
    return this.text;
  }
  async clear(): Promise<void> {
    this.text = '';
    this.formats = [];
  }
  /** Another program copies something: the clipboard is no longer the app's. */
  copiedElsewhere(t: string): void {
    this.text = t;
    this.formats = ['text/plain'];
  }
}

/** Menu's two statics the shell uses; the built menu is its template, for a test to read and click. */
class FakeMenuModule {
  application: { items: Template } | undefined;
  buildFromTemplate(template: Template): { items: Template } {
    return { items: template };
  }
  setApplicationMenu(menu: { items: Template } | null): void {
    this.application = menu ?? undefined;
  }
}

function fresh() {
  FakeBrowserWindow.all = [];
  return {
    app: new FakeApp(),
    protocol: new FakeProtocol(),
    ipcMain: new FakeIpcMain(),
    dialog: new FakeDialog(),
    powerMonitor: new EventEmitter(),
    screen: new FakeScreen(),
    Menu: new FakeMenuModule(),
    clipboard: new FakeClipboard(),
    // The shell must never hand a URL to the system browser; a call here is a test failure.
    shell: {
      opened: [] as string[],
      openExternal: async (url: string) => void electron.shell.opened.push(url),
    },
  };
}

/** The current fakes; replaced by resetElectron(). */
export let electron = fresh();

export function resetElectron(): void {
  electron = fresh();
}

/** What `import ... from 'electron'` gives the shell: always the current fakes (getters, read at each use). */
export const electronModule: Record<string, unknown> = {
  net,
  BrowserWindow: FakeBrowserWindow,
  ClipboardItem: FakeClipboardItem,
};
for (const name of Object.keys(electron) as (keyof typeof electron)[]) {
  Object.defineProperty(electronModule, name, { enumerable: true, get: () => electron[name] });
}

/// <reference lib="dom" />
// (The helper runs in jest's jsdom environment; the root tsconfig has no DOM library.)
/**
 * Runs the built mini-program (client/dist/weapp) inside jsdom with miniprogram-simulate.
 *
 * miniprogram-simulate only knows custom components, so this supplies the rest of the WeChat
 * runtime a Taro build expects: `wx` (system info, cloud), `App` / `getApp` / `getCurrentPages`,
 * and `Page`, adapted onto `Component`. The cloud is the platform boundary: tests answer
 * `wx.cloud.callFunction` themselves, exactly as WeChat would hand over a function's result.
 */
import path from 'node:path';
import * as simulate from 'miniprogram-simulate';
import type { RootComponent } from 'miniprogram-simulate';

export const WEAPP_DIST = path.resolve(__dirname, '../../client/dist/weapp');

export interface CloudCall {
  name: string;
  data: unknown;
}

/** What `wx.cloud.callFunction` resolves with (`{ result }`) or rejects with (`{ errCode, errMsg }`). */
export type CallFunctionHandler = (call: CloudCall) => Promise<{ result: unknown }>;

/** A page navigation the mini-program asked WeChat for. */
export interface Navigation {
  api: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'navigateBack';
  /** The path and query the page asked for (Taro's own `__key_` parameter removed). */
  url: string;
}

/** What `wx.showModal` was asked to show; the handler answers as the user would. */
export interface ModalRequest {
  title?: string;
  content?: string;
  confirmText?: string;
}

export interface WeappRuntime {
  /** Every callFunction the mini-program made, in order. */
  readonly calls: CloudCall[];
  /** Arguments of each wx.cloud.init call. */
  readonly cloudInits: unknown[];
  /** Every navigation, in order; tests clear it as they need. */
  readonly navigations: Navigation[];
  /** Every modal dialog shown, in order. */
  readonly modals: ModalRequest[];
  /** The template ids of each one-time subscription asked for, in order (all accepted). */
  readonly subscribeRequests: string[][];
  /** Every wx.cloud.uploadFile, in order. */
  readonly uploads: { cloudPath: string; filePath: string }[];
  /**
   * Every file shown in WeChat's document viewer: the link downloaded (or the cloud fileID, for
   * wx.cloud.downloadFile) and the type asked for.
   */
  readonly openedDocuments: { url: string; fileType?: string }[];
  /** Every wx.previewImage: the pictures and the one it opened on. */
  readonly previewedImages: { urls: string[]; current?: string }[];
  /**
   * What the mini-program did with its inner audio contexts, in order: `create`, `src <link>`,
   * `play`, `pause`, `stop`, `destroy` (a link is `temp:<fileID>`, as wx.cloud.getTempFileURL
   * answers here).
   */
  readonly audioLog: string[];
  /** The sounding clip plays to its end (onEnded), or cannot be played (onError). */
  endAudio(outcome: 'ended' | 'error'): void;
  /** Every text written with fillText on a `<Canvas type="2d">`, in order (a chart's labels). */
  readonly canvasTexts: string[];
  /** Every wx.canvasToTempFilePath: the canvas's pixel size then and the output size asked for. */
  readonly canvasExports: {
    width: number;
    height: number;
    destWidth?: number;
    destHeight?: number;
  }[];
  /** The temp files wx.saveImageToPhotosAlbum saved, in order. */
  readonly savedImages: string[];
  /** How many times WeChat's settings page was opened (wx.openSetting). */
  readonly settingsOpened: number;
  /** What the mini-program keeps with wx.setStorageSync, by key (a test may clear it). */
  readonly storage: Map<string, unknown>;
  /** Every number handed to the dialler (wx.makePhoneCall), in order. */
  readonly phoneCalls: string[];
  /** The selector of every wx.pageScrollTo, in order (the form's first error, say). */
  readonly scrolls: string[];
  answerCallFunction(handler: CallFunctionHandler): void;
  /** How the user answers the next dialogs: true taps 确定 (default: 取消). */
  answerModal(confirm: boolean): void;
  /** What the camera reads next: a QR code's text, or null when the user backs out. */
  answerScan(text: string | null): void;
  /** The photo wx.chooseMedia hands over next, or null when the user backs out. */
  answerPhoto(photo: { path: string; size: number } | null): void;
  /** Whether saving to the album is allowed (default) or refused, as the user once answered. */
  answerAlbum(allowed: boolean): void;
  /**
   * What the recorder writes when it is stopped next (default: a 12-second MP3), or the error
   * it reports instead (`record:fail auth deny`, say).
   */
  answerRecording(
    clip: { tempFilePath: string; duration: number; fileSize: number } | string,
  ): void;
  /** The options of each wx.getRecorderManager().start, in order. */
  readonly recordings: Record<string, unknown>[];
  /** The file wx.chooseMessageFile hands over next, or null when the user backs out. */
  answerMessageFile(file: { path: string; size: number; name: string } | null): void;
}

/** What the simulated wx.cloud.uploadFile answers: the fileID production's format gives. */
export const uploadedFileId = (cloudPath: string) => `cloud://test-env.7465-test-env/${cloudPath}`;

type WxCallbacks = {
  success?: (res: unknown) => void;
  fail?: (res: unknown) => void;
  complete?: (res: unknown) => void;
};

/** Resolves a callback-style wx API the way WeChat does: success, then complete. */
function succeed(options: WxCallbacks | undefined, res: Record<string, unknown>): void {
  options?.success?.(res);
  options?.complete?.(res);
}

type AnyFunction = (...args: unknown[]) => unknown;
type Globals = Record<string, unknown>;

interface PageInstance {
  route?: string;
  __route__?: string;
  onLoad?: AnyFunction;
  onShow?: AnyFunction;
  onReady?: AnyFunction;
  onUnload?: AnyFunction;
}

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 12',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 763,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 16.0',
  platform: 'devtools',
  SDKVersion: '3.5.0',
  fontSizeSetting: 16,
};

/** Layout as jsdom cannot give it: every selected element is this size, in CSS pixels. */
const SELECTED_RECT = { width: 350, height: 270 };

/**
 * A 2d context that draws nothing and keeps the texts written. Every other call is accepted, as
 * on a real canvas; gradients take colour stops; text is measured at a fixed width per character.
 */
function recordingContext(texts: string[]): object {
  let fontPx = 10;
  const gradient = { addColorStop: () => undefined };
  const known: Record<string, AnyFunction> = {
    fillText: (text) => {
      texts.push(String(text));
    },
    measureText: (text) => ({ width: String(text).length * fontPx * 0.6 }),
    setFontSize: (px) => {
      fontPx = Number(px);
    },
    createLinearGradient: () => gradient,
    createRadialGradient: () => gradient,
    createCircularGradient: () => gradient,
  };
  const values: Record<string | symbol, unknown> = {};
  return new Proxy(values, {
    get: (_target, key) => {
      if (typeof key === 'string' && key in known) return known[key];
      if (key in values) return values[key];
      return () => undefined;
    },
    set: (_target, key, value) => {
      values[key] = value;
      return true;
    },
  });
}

/**
 * wx.createSelectorQuery for pages that draw: `node()` answers a canvas whose 2d context records
 * its texts, `boundingClientRect()` and `fields({ size })` answer SELECTED_RECT.
 */
function selectorQuery(canvasTexts: string[]) {
  const answers: (() => unknown)[] = [];
  const canvasNode = () => ({
    width: 0,
    height: 0,
    getContext: () => recordingContext(canvasTexts),
  });
  const query = {
    in: () => query,
    select: () => ({
      node: () => {
        answers.push(() => ({ node: canvasNode() }));
        return query;
      },
      boundingClientRect: () => {
        answers.push(() => ({ ...SELECTED_RECT }));
        return query;
      },
      fields: (fields: { node?: boolean; size?: boolean }) => {
        answers.push(() => ({
          ...(fields.node ? { node: canvasNode() } : {}),
          ...(fields.size ? SELECTED_RECT : {}),
        }));
        return query;
      },
    }),
    exec: (callback?: (results: unknown[]) => void) => {
      const results = answers.map((answer) => answer());
      setTimeout(() => callback?.(results), 0);
    },
  };
  return query;
}

let runtime: WeappRuntime | null = null;
/** The route being loaded, for the Page shim to stamp on its instances. */
let currentRoute = '';
/** The query the next page instance is opened with, as WeChat hands it to onLoad. */
let currentQuery: Record<string, string> = {};
const pageIds = new Map<string, string>();

/**
 * Installs the WeChat globals and loads app.js once per test file (jest gives each file its own
 * module registry and jsdom, so state never leaks between files).
 */
export function launchWeapp(): WeappRuntime {
  if (runtime) return runtime;
  const calls: CloudCall[] = [];
  const cloudInits: unknown[] = [];
  const navigations: Navigation[] = [];
  const modals: ModalRequest[] = [];
  const subscribeRequests: string[][] = [];
  const openedDocuments: { url: string; fileType?: string }[] = [];
  const previewedImages: { urls: string[]; current?: string }[] = [];
  const audioLog: string[] = [];
  const audioListeners = { ended: [] as (() => void)[], error: [] as ((res: unknown) => void)[] };
  const canvasTexts: string[] = [];
  const canvasExports: WeappRuntime['canvasExports'] = [];
  const savedImages: string[] = [];
  const phoneCalls: string[] = [];
  const scrolls: string[] = [];
  const storage = new Map<string, unknown>();
  let settingsOpened = 0;
  let albumAllowed = true;
  const downloads = new Map<string, string>();
  let modalConfirms = false;
  let scanned: string | null = null;
  let photo: { path: string; size: number } | null = null;
  const uploads: { cloudPath: string; filePath: string }[] = [];
  const recordings: Record<string, unknown>[] = [];
  let recording: { tempFilePath: string; duration: number; fileSize: number } | string = {
    tempFilePath: 'wxfile://tmp/recording-1.mp3',
    duration: 12_000,
    fileSize: 96_000,
  };
  let messageFile: { path: string; size: number; name: string } | null = null;
  // One recorder per mini-program, as WeChat has: listeners stay until replaced.
  const recorderListeners: { stop?: (res: unknown) => void; error?: (res: unknown) => void } = {};
  const recorderManager = {
    start: (options: Record<string, unknown>) => {
      recordings.push({ ...options });
    },
    stop: () => {
      if (typeof recording === 'string') recorderListeners.error?.({ errMsg: recording });
      else recorderListeners.stop?.({ ...recording });
    },
    onStop: (listener: (res: unknown) => void) => {
      recorderListeners.stop = listener;
    },
    onError: (listener: (res: unknown) => void) => {
      recorderListeners.error = listener;
    },
    onStart: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
  };
  const navigate = (api: Navigation['api']) => (options: WxCallbacks & { url?: string }) => {
    const url = (options.url ?? '').replace(/[?&]__key_=[^&]*/, '');
    navigations.push({ api, url });
    succeed(options, { errMsg: `${api}:ok` });
  };
  let handler: CallFunctionHandler = () =>
    Promise.reject({ errCode: -1, errMsg: 'cloud.callFunction:fail no handler in test' });

  const g = globalThis as unknown as Globals;
  g.wx = {
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getWindowInfo: () => ({ ...SYSTEM_INFO }),
    getDeviceInfo: () => ({ ...SYSTEM_INFO }),
    getAppBaseInfo: () => ({ ...SYSTEM_INFO }),
    canIUse: () => true,
    nextTick: (callback: () => void) => setTimeout(callback, 0),
    // Taro wraps only the wx APIs present when the app starts, so every one a page uses is here.
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
    showModal: (options: WxCallbacks & ModalRequest) => {
      modals.push({
        title: options.title,
        content: options.content,
        confirmText: options.confirmText,
      });
      succeed(options, { errMsg: 'showModal:ok', confirm: modalConfirms, cancel: !modalConfirms });
    },
    showToast: (options: WxCallbacks) => succeed(options, { errMsg: 'showToast:ok' }),
    requestSubscribeMessage: (options: WxCallbacks & { tmplIds: string[] }) => {
      subscribeRequests.push([...options.tmplIds]);
      const res: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
      for (const id of options.tmplIds) res[id] = 'accept';
      succeed(options, res);
    },
    scanCode: (options: WxCallbacks) => {
      if (scanned === null) {
        const res = { errMsg: 'scanCode:fail cancel' };
        options.fail?.(res);
        options.complete?.(res);
      } else {
        succeed(options, { errMsg: 'scanCode:ok', result: scanned, scanType: 'QR_CODE' });
      }
    },
    chooseMedia: (options: WxCallbacks) => {
      if (photo === null) {
        const res = { errMsg: 'chooseMedia:fail cancel' };
        options.fail?.(res);
        options.complete?.(res);
      } else {
        succeed(options, {
          errMsg: 'chooseMedia:ok',
          type: 'image',
          tempFiles: [{ tempFilePath: photo.path, size: photo.size, fileType: 'image' }],
        });
      }
    },
    getRecorderManager: () => recorderManager,
    chooseMessageFile: (options: WxCallbacks) => {
      if (messageFile === null) {
        const res = { errMsg: 'chooseMessageFile:fail cancel' };
        options.fail?.(res);
        options.complete?.(res);
      } else {
        succeed(options, {
          errMsg: 'chooseMessageFile:ok',
          tempFiles: [{ ...messageFile, type: 'file', time: 0 }],
        });
      }
    },
    // A copy in and out, as WeChat serialises what it stores; a key never written reads as ''.
    getStorageSync: (key: string) =>
      storage.has(key) ? (JSON.parse(JSON.stringify(storage.get(key))) as unknown) : '',
    setStorageSync: (key: string, value: unknown) => {
      storage.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    },
    removeStorageSync: (key: string) => {
      storage.delete(key);
    },
    pageScrollTo: (options: WxCallbacks & { selector?: string; scrollTop?: number }) => {
      scrolls.push(options.selector ?? `top:${options.scrollTop ?? 0}`);
      succeed(options, { errMsg: 'pageScrollTo:ok' });
    },
    makePhoneCall: (options: WxCallbacks & { phoneNumber: string }) => {
      phoneCalls.push(options.phoneNumber);
      succeed(options, { errMsg: 'makePhoneCall:ok' });
    },
    downloadFile: (options: WxCallbacks & { url: string }) => {
      const tempFilePath = `wxfile://tmp/download-${downloads.size + 1}`;
      downloads.set(tempFilePath, options.url);
      succeed(options, { errMsg: 'downloadFile:ok', statusCode: 200, tempFilePath });
    },
    openDocument: (options: WxCallbacks & { filePath: string; fileType?: string }) => {
      const url = downloads.get(options.filePath);
      if (url === undefined) {
        const res = { errMsg: 'openDocument:fail file not found' };
        options.fail?.(res);
        options.complete?.(res);
        return;
      }
      openedDocuments.push({ url, fileType: options.fileType });
      succeed(options, { errMsg: 'openDocument:ok' });
    },
    previewImage: (options: WxCallbacks & { urls: string[]; current?: string }) => {
      previewedImages.push({ urls: [...options.urls], current: options.current });
      succeed(options, { errMsg: 'previewImage:ok' });
    },
    setInnerAudioOption: (options: WxCallbacks) =>
      succeed(options, { errMsg: 'setInnerAudioOption:ok' }),
    // One context's calls, in order; its listeners are the test's to fire (endAudio).
    createInnerAudioContext: () => {
      audioLog.push('create');
      return {
        set src(link: string) {
          audioLog.push(`src ${link}`);
        },
        play: () => audioLog.push('play'),
        pause: () => audioLog.push('pause'),
        stop: () => audioLog.push('stop'),
        destroy: () => audioLog.push('destroy'),
        onEnded: (listener: () => void) => audioListeners.ended.push(listener),
        onError: (listener: (res: unknown) => void) => audioListeners.error.push(listener),
      };
    },
    createSelectorQuery: () => selectorQuery(canvasTexts),
    canvasToTempFilePath: (
      options: WxCallbacks & {
        canvas?: { width: number; height: number };
        destWidth?: number;
        destHeight?: number;
      },
    ) => {
      canvasExports.push({
        width: options.canvas?.width ?? 0,
        height: options.canvas?.height ?? 0,
        destWidth: options.destWidth,
        destHeight: options.destHeight,
      });
      const tempFilePath = `wxfile://tmp/canvas-${canvasExports.length}.png`;
      succeed(options, { errMsg: 'canvasToTempFilePath:ok', tempFilePath });
    },
    saveImageToPhotosAlbum: (options: WxCallbacks & { filePath: string }) => {
      if (!albumAllowed) {
        const res = { errMsg: 'saveImageToPhotosAlbum:fail auth deny' };
        options.fail?.(res);
        options.complete?.(res);
        return;
      }
      savedImages.push(options.filePath);
      succeed(options, { errMsg: 'saveImageToPhotosAlbum:ok' });
    },
    openSetting: (options: WxCallbacks) => {
      settingsOpened += 1;
      succeed(options, { errMsg: 'openSetting:ok', authSetting: {} });
    },
    setNavigationBarTitle: (options: WxCallbacks) =>
      succeed(options, { errMsg: 'setNavigationBarTitle:ok' }),
    stopPullDownRefresh: (options: WxCallbacks) =>
      succeed(options, { errMsg: 'stopPullDownRefresh:ok' }),
    cloud: {
      init: (options: unknown) => {
        cloudInits.push(options);
      },
      // Real wx.cloud.callFunction returns a promise when no success/fail callbacks are given.
      callFunction: (options: { name: string; data?: unknown }) => {
        const call = { name: options.name, data: options.data };
        calls.push(call);
        return handler(call);
      },
      getTempFileURL: (options: { fileList: string[] }) =>
        Promise.resolve({
          errMsg: 'cloud.getTempFileURL:ok',
          fileList: options.fileList.map((fileID) => ({
            fileID,
            tempFileURL: `temp:${fileID}`,
            status: 0,
            errMsg: 'ok',
          })),
        }),
      // The viewer is then handed the fileID, which openedDocuments records as the file's link.
      downloadFile: (options: { fileID: string }) => {
        const tempFilePath = `wxfile://tmp/download-${downloads.size + 1}`;
        downloads.set(tempFilePath, options.fileID);
        return Promise.resolve({ errMsg: 'cloud.downloadFile:ok', statusCode: 200, tempFilePath });
      },
      uploadFile: (options: { cloudPath: string; filePath: string }) => {
        uploads.push({ cloudPath: options.cloudPath, filePath: options.filePath });
        return Promise.resolve({
          errMsg: 'cloud.uploadFile:ok',
          statusCode: 204,
          fileID: uploadedFileId(options.cloudPath),
        });
      },
    },
  };

  let app: Globals | null = null;
  g.App = (options: Globals) => {
    app = options;
    const launch = { path: 'pages/home/index', query: {}, scene: 1001 };
    (options.onLaunch as AnyFunction | undefined)?.call(options, launch);
    (options.onShow as AnyFunction | undefined)?.call(options, launch);
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [];

  // miniprogram-simulate replaces global.Component when it loads, so look it up at call time.
  g.Page = (options: Globals) => {
    const methods: Record<string, AnyFunction> = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = value as AnyFunction;
    }
    const route = currentRoute;
    const Component = g.Component as (definition: Globals) => void;
    Component({
      data: options.data ?? {},
      methods,
      attached(this: PageInstance) {
        this.route = route;
        this.__route__ = route;
        // One argument only: Taro reads a second one as a callback.
        this.onLoad?.({ ...currentQuery });
        this.onShow?.();
        this.onReady?.();
      },
      detached(this: PageInstance) {
        this.onUnload?.();
      },
    });
  };

  // Through jest's registry, so the bundle runs in the test's jsdom realm with the globals above.
  jest.requireActual(path.join(WEAPP_DIST, 'app.js'));

  runtime = {
    calls,
    cloudInits,
    navigations,
    modals,
    subscribeRequests,
    uploads,
    openedDocuments,
    previewedImages,
    audioLog,
    endAudio(outcome) {
      if (outcome === 'ended') for (const listener of audioListeners.ended) listener();
      else
        for (const listener of audioListeners.error)
          listener({ errCode: 10002, errMsg: 'network' });
    },
    canvasTexts,
    canvasExports,
    savedImages,
    storage,
    phoneCalls,
    scrolls,
    get settingsOpened() {
      return settingsOpened;
    },
    answerCallFunction(next) {
      handler = next;
    },
    answerModal(confirm) {
      modalConfirms = confirm;
    },
    answerScan(text) {
      scanned = text;
    },
    answerPhoto(next) {
      photo = next;
    },
    answerAlbum(allowed) {
      albumAllowed = allowed;
    },
    answerRecording(clip) {
      recording = clip;
    },
    recordings,
    answerMessageFile(file) {
      messageFile = file;
    },
  };
  return runtime;
}

export type WeappPage = RootComponent<Globals, Record<string, never>, Record<string, AnyFunction>>;

/** Mounts a fresh instance of a built page; call `page.detach()` when done. */
export function openPage(route: string, query: Record<string, string> = {}): WeappPage {
  launchWeapp();
  currentQuery = query;
  let id = pageIds.get(route);
  if (!id) {
    // The page script registers itself once: webpack caches the module after its first run.
    currentRoute = route;
    id = simulate.load(path.join(WEAPP_DIST, route), {
      compiler: 'official',
      rootPath: WEAPP_DIST,
    });
    pageIds.set(route, id);
  }
  const page = simulate.render(id) as WeappPage;
  page.attach(document.createElement('div'));
  return page;
}

export function pageText(page: WeappPage): string {
  return page.dom?.textContent ?? '';
}

/** Rendering goes through React, Taro's setData and j-component, all async: poll for the text. */
export async function waitForText(
  page: WeappPage,
  expected: string | string[],
  timeoutMs = 5000,
): Promise<string> {
  const wanted = Array.isArray(expected) ? expected : [expected];
  const deadline = Date.now() + timeoutMs;
  let text = pageText(page);
  while (!wanted.every((piece) => text.includes(piece))) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${JSON.stringify(wanted)}; page text: ${text}`);
    }
    await simulate.sleep(20);
    text = pageText(page);
  }
  return text;
}

/**
 * Taps the innermost element whose text is exactly `label` (the last on the page, or with `first`
 * the first one). Taro gives every node an id, which j-component keeps to itself and mirrors into
 * the DOM as data-sid.
 */
export function tapText(page: WeappPage, label: string, which: 'first' | 'last' = 'last'): void {
  const root = page.dom;
  if (!root) throw new Error('page is not rendered');
  const candidates = Array.from(root.querySelectorAll<HTMLElement>('[data-sid]')).filter(
    (element) => element.textContent?.trim() === label,
  );
  const innermost = candidates.filter(
    (element) => !candidates.some((other) => other !== element && element.contains(other)),
  );
  const sid = (which === 'first' ? innermost[0] : candidates[candidates.length - 1])?.dataset.sid;
  if (!sid) throw new Error(`nothing to tap with text ${label}; page text: ${pageText(page)}`);
  const node = page.querySelector(`#${sid}`);
  if (!node) throw new Error(`j-component does not know #${sid}`);
  node.dispatchEvent('tap');
}

/** Whether the chip reading `label` is drawn selected. */
export function chipSelected(page: WeappPage, label: string): boolean {
  return Array.from(page.dom?.querySelectorAll<HTMLElement>('[data-sid]') ?? []).some(
    (element) =>
      element.className.split(/\s+/).some((name) => name.endsWith('choice-chip--selected')) &&
      element.textContent?.trim().replace(/^✓ /, '') === label,
  );
}

/** Taps the chip reading `label` (the chip itself listens, not the text inside it). */
export function tapChip(page: WeappPage, label: string): void {
  const chips = Array.from(page.dom?.querySelectorAll<HTMLElement>('[data-sid]') ?? []).filter(
    (element) =>
      element.className.split(/\s+/).some((name) => name.endsWith('choice-chip')) &&
      element.textContent?.trim().replace(/^✓ /, '') === label,
  );
  const sid = chips.at(-1)?.dataset.sid;
  if (!sid) throw new Error(`no chip ${label}; page text: ${pageText(page)}`);
  page.querySelector(`#${sid}`)?.dispatchEvent('tap');
}

/**
 * Types into the input of the form field labelled `label` (j-component does not mirror an
 * input's placeholder into the DOM), as WeChat reports typing: an `input` event whose detail
 * carries the whole new value.
 */
export function typeInto(page: WeappPage, label: string, value: string): void {
  const root = page.dom;
  if (!root) throw new Error('page is not rendered');
  const labels = Array.from(root.querySelectorAll<HTMLElement>('[class*="form-field__label"]'));
  const field = labels.find((element) =>
    element.textContent?.trim().startsWith(label),
  )?.parentElement;
  const sid = field?.querySelector<HTMLElement>('wx-input')?.dataset.sid;
  if (!sid) throw new Error(`no input labelled ${label}; page text: ${pageText(page)}`);
  const node = page.querySelector(`#${sid}`);
  if (!node) throw new Error(`j-component does not know #${sid}`);
  node.dispatchEvent('input', { detail: { value } });
}

/** The data a page sent to one router action, in order (the calls before a step sliced off). */
export function actionCalls(calls: readonly CloudCall[], router: string, action: string) {
  return calls
    .filter((call) => call.name === router)
    .map((call) => call.data as { action: string })
    .filter((data) => data.action === action);
}

/** Rendering and dialogs are async: waits until `check` holds, failing after a second. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(check()).toBe(true);
}

/** A settled moment: long enough for a tap to have sent anything it was going to send. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

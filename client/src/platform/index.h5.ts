import Taro from '@tarojs/taro';
import {
  ERROR_MESSAGES,
  type FunctionFailure,
  type FunctionInput,
  type FunctionName,
  type FunctionOutput,
  type FunctionResult,
} from '@gridguard/types';
import type {
  AudioEvents,
  AudioPlayer,
  CanvasNode,
  ChosenNoticeFile,
  DemoUser,
  DevLogin,
  LocalFile,
  LocalPhoto,
  LocalStore,
  NoticeDocumentKind,
  Platform,
  SavedImage,
  SubscribeDecisions,
} from './contract';
import {
  checkNoticeFile,
  checkSpreadsheet,
  noticeDocumentExtensions,
  wholeSeconds,
} from './local-file';
import {
  NETWORK_ERROR_MESSAGE,
  fail,
  isRecord,
  isSubscribeDecision,
  toFunctionResult,
} from './results';

// The browser preview talks to the local emulator's gateway, which also serves this build, so
// every URL is relative to the page's origin.
const GATEWAY = '/_gateway';
const SESSION_KEY = 'gridguard.devSession';
const REQUEST_TIMEOUT_MS = 15_000;
const SESSION_EXPIRED_MESSAGE = '登录已失效，请重新选择演示用户';
const NOT_LOGGED_IN_MESSAGE = '请先选择演示用户登录';

interface Session {
  token: string;
  user: DemoUser;
}

function isDemoUser(value: unknown): value is DemoUser {
  return (
    isRecord(value) &&
    typeof value.openid === 'string' &&
    typeof value.name === 'string' &&
    typeof value.roleLabel === 'string'
  );
}

function readSession(): Session | null {
  try {
    const raw = window.localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (isRecord(parsed) && typeof parsed.token === 'string' && isDemoUser(parsed.user)) {
      return { token: parsed.token, user: parsed.user };
    }
  } catch {
    // Corrupt or inaccessible storage counts as logged out.
  }
  return null;
}

function writeSession(session: Session | null): void {
  try {
    if (session) window.localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else window.localStorage.removeItem(SESSION_KEY);
  } catch {
    // Private mode may refuse storage; the session then lasts only until the next call fails.
  }
}

type HttpOutcome =
  { kind: 'response'; status: number; body: unknown } | { kind: 'network'; error: unknown };

async function request(
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; file?: Blob; token?: string },
): Promise<HttpOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.file) headers['content-type'] = init.file.type || 'application/octet-stream';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await fetch(`${GATEWAY}${path}`, {
      method: init.method,
      headers,
      body: init.file ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      signal: controller.signal,
    });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { kind: 'response', status: response.status, body };
  } catch (error) {
    return { kind: 'network', error };
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(path: string, outcome: HttpOutcome): void {
  console.error(`[gateway ${path}]`, outcome.kind === 'network' ? outcome.error : outcome);
}

/**
 * A request as the signed-in demo user. What every such call answers alike is answered here: not
 * signed in, no network, or a session the gateway no longer accepts.
 */
async function requestAsUser(
  path: string,
  init: { method: 'POST'; body?: unknown; file?: Blob },
): Promise<Extract<HttpOutcome, { kind: 'response' }> | FunctionFailure> {
  const session = readSession();
  if (!session) return fail('UNAUTHENTICATED', NOT_LOGGED_IN_MESSAGE);
  const outcome = await request(path, { ...init, token: session.token });
  if (outcome.kind === 'network') {
    describeFailure(path, outcome);
    return fail('INTERNAL', NETWORK_ERROR_MESSAGE);
  }
  if (outcome.status === 401) {
    // A token the gateway no longer accepts (say, signed by another data folder's secret): drop it
    // so the page offers the picker again.
    writeSession(null);
    return fail('UNAUTHENTICATED', SESSION_EXPIRED_MESSAGE);
  }
  return outcome;
}

async function callFunction<N extends FunctionName>(
  name: N,
  input: FunctionInput<N>,
): Promise<FunctionResult<FunctionOutput<N>>> {
  const path = `/functions/${encodeURIComponent(name)}`;
  const outcome = await requestAsUser(path, { method: 'POST', body: input });
  if ('ok' in outcome) return outcome;
  const body = outcome.body;
  if (outcome.status === 200 && isRecord(body) && 'result' in body) {
    return toFunctionResult<FunctionOutput<N>>(body.result);
  }
  // `{ errCode, errMsg: 'cloud.callFunction:fail …' }`: the function crashed or does not exist.
  describeFailure(path, outcome);
  return fail('INTERNAL');
}

async function requestSubscribe(tmplIds: string[]): Promise<FunctionResult<SubscribeDecisions>> {
  const outcome = await requestAsUser('/subscribe', { method: 'POST', body: { tmplIds } });
  if ('ok' in outcome) return outcome;
  const body = outcome.body;
  if (outcome.status !== 200 || !isRecord(body)) {
    describeFailure('/subscribe', outcome);
    return fail('INTERNAL');
  }
  const decisions: SubscribeDecisions = {};
  for (const id of tmplIds) {
    const decision = body[id];
    if (isSubscribeDecision(decision)) {
      decisions[id] = decision;
    }
  }
  return { ok: true, data: decisions };
}

async function choosePhoto(): Promise<FunctionResult<LocalPhoto | null>> {
  try {
    // The browser's file picker; Taro hands back a blob URL the upload below reads again.
    const res = await Taro.chooseImage({
      count: 1,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
    const file = res.tempFiles[0];
    return { ok: true, data: file ? { path: file.path, size: file.size } : null };
  } catch (error) {
    if (isRecord(error) && typeof error.errMsg === 'string' && /cancel|abort/.test(error.errMsg)) {
      return { ok: true, data: null };
    }
    console.error('[choosePhoto]', error);
    return fail('INTERNAL', '无法读取照片，请重新选择');
  }
}

/** The blob URL of the file picked last, released when another is picked. */
let pickedFile: string | null = null;

/** The picked file as a blob URL kept in the page, which uploadFile reads again as it does a photo. */
function keepPicked(file: File): string {
  if (pickedFile) URL.revokeObjectURL(pickedFile);
  pickedFile = URL.createObjectURL(file);
  return pickedFile;
}

/**
 * The browser's own file picker, through a hidden input in the page (iOS Safari opens the picker
 * only for one that is attached). Resolves with the file, or null when the user closed it.
 */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    const finish = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true });
    // Browsers since 2023 say when the picker closes without a choice. An older one says nothing
    // and this promise never settles, which holds nothing up: the page is not busy while picking.
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.appendChild(input);
    input.click();
  });
}

async function chooseSpreadsheet(): Promise<FunctionResult<LocalFile | null>> {
  const file = await pickFile(
    '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  if (!file) return { ok: true, data: null };
  const checked = checkSpreadsheet({ path: '', size: file.size, name: file.name });
  if (!checked.ok) return checked;
  return { ok: true, data: { path: keepPicked(file), size: file.size, name: file.name } };
}

async function chooseNoticeFile(
  kind: NoticeDocumentKind,
): Promise<FunctionResult<ChosenNoticeFile | null>> {
  const file = await pickFile(
    noticeDocumentExtensions(kind)
      .map((e) => `.${e}`)
      .join(','),
  );
  if (!file) return { ok: true, data: null };
  const extension = checkNoticeFile(kind, { path: '', size: file.size, name: file.name });
  if (!extension.ok) return extension;
  const path = keepPicked(file);
  const chosen = { path, size: file.size, name: file.name, extension: extension.data };
  if (kind === 'attachment') return { ok: true, data: { ...chosen, seconds: 0 } };
  const seconds = await audioSeconds(path);
  if (!seconds.ok) return seconds;
  return { ok: true, data: { ...chosen, seconds: seconds.data } };
}

/** A clip's length by the browser's own player, which reads it from the file's metadata. */
function audioSeconds(src: string): Promise<FunctionResult<number>> {
  return new Promise((resolve) => {
    const player = new Audio();
    player.preload = 'metadata';
    player.addEventListener(
      'loadedmetadata',
      () =>
        resolve(
          Number.isFinite(player.duration) && player.duration > 0
            ? { ok: true, data: wholeSeconds(player.duration) }
            : fail('INVALID_INPUT', '无法读取音频时长，请换一个文件'),
        ),
      { once: true },
    );
    player.addEventListener(
      'error',
      () => resolve(fail('INVALID_INPUT', '浏览器无法播放这个音频文件，请换一个文件')),
      { once: true },
    );
    player.src = src;
  });
}

/** `cloud.uploadFile:fail 照片超过 5 MB 上限` → the reason alone, for the page to show. */
function uploadRefusal(body: unknown): string {
  const errMsg = isRecord(body) && typeof body.errMsg === 'string' ? body.errMsg : '';
  return errMsg.replace(/^cloud\.uploadFile:fail\s*/, '') || '文件上传失败，请重试';
}

async function uploadFile(
  localPath: string,
  cloudPath: string,
): Promise<FunctionResult<{ fileID: string }>> {
  let file: Blob;
  try {
    file = await (await fetch(localPath)).blob();
  } catch (error) {
    console.error('[uploadFile] reading', localPath, error);
    return fail('INTERNAL', '无法读取文件，请重新选择');
  }
  const path = `/upload?cloudPath=${encodeURIComponent(cloudPath)}`;
  const outcome = await requestAsUser(path, { method: 'POST', file });
  if ('ok' in outcome) return outcome;
  const body = outcome.body;
  if (outcome.status === 200 && isRecord(body) && typeof body.fileID === 'string') {
    return { ok: true, data: { fileID: body.fileID } };
  }
  describeFailure(path, outcome);
  // Too large, not a picture or not a spreadsheet, a bad path: the gateway says which, in Chinese.
  if (outcome.status >= 400 && outcome.status < 500) {
    return fail('INVALID_INPUT', uploadRefusal(body));
  }
  return fail('INTERNAL');
}

/**
 * `cloud://<env>.<bucket>/<path>` → the emulator's storage URL for `<path>` (each segment
 * encoded), which serves the same origin as this build.
 */
function photoSrc(fileID: string): string {
  const cloudPath = fileID.replace(/^cloud:\/\/[^/]+\//, '');
  return `/_storage/o/${cloudPath.split('/').map(encodeURIComponent).join('/')}`;
}

const devLogin: DevLogin = {
  async listUsers() {
    const outcome = await request('/users', { method: 'GET' });
    if (outcome.kind === 'network') return fail('INTERNAL', NETWORK_ERROR_MESSAGE);
    const body = outcome.body;
    if (outcome.status === 200 && isRecord(body) && Array.isArray(body.users)) {
      return { ok: true, data: body.users.filter(isDemoUser) };
    }
    describeFailure('/users', outcome);
    return fail('INTERNAL');
  },

  async login(openid) {
    const outcome = await request('/login', { method: 'POST', body: { openid } });
    if (outcome.kind === 'network') return fail('INTERNAL', NETWORK_ERROR_MESSAGE);
    const body = outcome.body;
    if (
      outcome.status === 200 &&
      isRecord(body) &&
      typeof body.token === 'string' &&
      isDemoUser(body.user)
    ) {
      writeSession({ token: body.token, user: body.user });
      return { ok: true, data: body.user };
    }
    describeFailure('/login', outcome);
    if (outcome.status === 400) return fail('NOT_FOUND', '该演示用户不存在，请刷新列表后重选');
    return fail('INTERNAL', ERROR_MESSAGES.INTERNAL);
  },

  current() {
    return readSession()?.user ?? null;
  },

  logout() {
    writeSession(null);
  },
};

// The browser saves the file under its own name through a download link; nothing to open it in.
function openSpreadsheet(url: string, fileName: string): Promise<FunctionResult<null>> {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  return Promise.resolve({ ok: true, data: null });
}

/** A stored PDF in a new tab: the emulator serves it as a download, under the notice's name. */
function openDocument(fileID: string, fileName: string): Promise<FunctionResult<null>> {
  const link = document.createElement('a');
  link.href = photoSrc(fileID);
  link.target = '_blank';
  link.rel = 'noopener';
  link.download = fileName.toLowerCase().endsWith('.pdf') ? fileName : `${fileName}.pdf`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  return Promise.resolve({ ok: true, data: null });
}

function previewImages(fileIDs: string[], current: string): void {
  Taro.previewImage({ urls: fileIDs.map(photoSrc), current: photoSrc(current) }).catch(
    (error: unknown) => {
      console.error('[previewImages]', error);
    },
  );
}

/** What the browser says when it will not play (autoplay policy, a format it lacks). */
function playRefusal(error: unknown): FunctionResult<null> {
  console.error('[audio.play]', error);
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return fail('INTERNAL', '浏览器未允许播放，请再点一次');
  return fail('INTERNAL', '语音无法播放，请检查网络后重试');
}

function createAudioPlayer(events: AudioEvents): AudioPlayer {
  const audio = new Audio();
  audio.preload = 'auto';
  let loaded: string | null = null;
  audio.addEventListener('ended', () => events.onEnded());
  audio.addEventListener('error', () => {
    // Clearing the source below fires no event worth telling the user about.
    if (loaded === null) return;
    console.error('[audio]', audio.error?.code, audio.error?.message);
    loaded = null;
    events.onError('语音无法播放，请检查网络后重试');
  });
  return {
    async play(fileID) {
      if (loaded !== fileID) {
        audio.src = photoSrc(fileID);
        loaded = fileID;
      }
      try {
        await audio.play();
        return { ok: true, data: null };
      } catch (error) {
        // A pause or another clip before playback began interrupts it: that was asked for.
        if (error instanceof DOMException && error.name === 'AbortError') {
          return { ok: true, data: null };
        }
        return playRefusal(error);
      }
    },
    pause() {
      audio.pause();
    },
    stop() {
      audio.pause();
      audio.currentTime = 0;
    },
    destroy() {
      loaded = null;
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    },
  };
}

/** How long a downloaded picture's blob URL lives: the download reads it after click() returns. */
const BLOB_URL_LIFETIME_MS = 60_000;

function saveCanvasImage(
  canvas: CanvasNode,
  fileName: string,
): Promise<FunctionResult<SavedImage>> {
  if (!(canvas instanceof HTMLCanvasElement)) {
    return Promise.resolve(fail('INTERNAL', '图片生成失败，请重试'));
  }
  return new Promise((resolve) => {
    // A blob rather than a data URL: a poster is a few hundred KB that need not become a string.
    canvas.toBlob((blob) => {
      if (!blob) {
        resolve(fail('INTERNAL', '图片生成失败，请重试'));
        return;
      }
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
      resolve({ ok: true, data: 'download' });
    }, 'image/png');
  });
}

/** The canvas as a PNG blob kept in the page, as a chosen photo is, for uploadFile to read. */
function canvasImage(canvas: CanvasNode): Promise<FunctionResult<LocalPhoto>> {
  if (!(canvas instanceof HTMLCanvasElement)) {
    return Promise.resolve(fail('INTERNAL', '签名图片生成失败，请重试'));
  }
  return new Promise((resolve) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        resolve(fail('INTERNAL', '签名图片生成失败，请重试'));
        return;
      }
      resolve({ ok: true, data: { path: URL.createObjectURL(blob), size: blob.size } });
    }, 'image/png');
  });
}

/** The browser's localStorage, as JSON; private modes may refuse it. */
const storage: LocalStore = {
  read(key) {
    try {
      const raw = window.localStorage.getItem(key);
      return raw === null ? null : (JSON.parse(raw) as unknown);
    } catch {
      return null;
    }
  },
  write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  },
};
/** A browser has no dialler: the number is shown to dial by hand (or copy). */
async function makePhoneCall(phoneNumber: string, name: string): Promise<void> {
  await Taro.showModal({ title: `拨打 ${name}`, content: phoneNumber, showCancel: false });
}

export const platform: Platform = {
  kind: 'h5',
  callFunction,
  requestSubscribe,
  choosePhoto,
  chooseSpreadsheet,
  chooseNoticeFile,
  // Chromium's MediaRecorder writes WebM/Opus only, which the server (and WeChat's players on
  // older phones) do not take; a recording made on a computer is chosen as a file instead.
  recorder: { supported: false, reason: '浏览器预览不能录制 MP3/AAC 语音，请选择音频文件' },
  uploadFile,
  photoSrc,
  storage,
  devLogin,
  openSpreadsheet,
  openDocument,
  previewImages,
  createAudioPlayer,
  saveCanvasImage,
  canvasImage,
  makePhoneCall,
};

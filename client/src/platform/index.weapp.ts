import Taro from '@tarojs/taro';
import type { FunctionInput, FunctionName, FunctionOutput, FunctionResult } from '@gridguard/types';
import { MAX_AUDIO_SECONDS } from '@gridguard/types';
import type {
  AudioEvents,
  AudioPlayer,
  AudioRecorder,
  CanvasNode,
  ChosenNoticeFile,
  LocalFile,
  LocalRecording,
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
import { fail, isRecord, isSubscribeDecision, platformFailure, toFunctionResult } from './results';

let cloudReady = false;

// Lazily, so nothing touches wx.cloud before the first call, and only once per launch.
function ensureCloud(): boolean {
  if (cloudReady) return true;
  // Undefined when cloud development is not enabled for the appid or the base library is too old.
  if (typeof Taro.cloud === 'undefined') return false;
  const env: unknown = process.env.TARO_APP_CLOUD_ENV;
  Taro.cloud.init(typeof env === 'string' && env ? { env, traceUser: true } : { traceUser: true });
  cloudReady = true;
  return true;
}

async function callFunction<N extends FunctionName>(
  name: N,
  input: FunctionInput<N>,
): Promise<FunctionResult<FunctionOutput<N>>> {
  try {
    if (!ensureCloud()) return fail('INTERNAL');
    const res = await Taro.cloud.callFunction({ name, data: input });
    return toFunctionResult<FunctionOutput<N>>(res.result);
  } catch (error) {
    console.error(`[callFunction:${name}]`, error);
    return platformFailure(error);
  }
}

async function requestSubscribe(tmplIds: string[]): Promise<FunctionResult<SubscribeDecisions>> {
  try {
    // entityIds is Alipay's field; Taro 4.2.0's typing requires it, WeChat ignores it.
    const res: unknown = await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] });
    const decisions: SubscribeDecisions = {};
    for (const id of tmplIds) {
      const decision = isRecord(res) ? res[id] : undefined;
      if (isSubscribeDecision(decision)) {
        decisions[id] = decision;
      }
    }
    return { ok: true, data: decisions };
  } catch (error) {
    console.error('[requestSubscribe]', error);
    return platformFailure(error);
  }
}

async function scanCode(): Promise<FunctionResult<string | null>> {
  try {
    const res = await Taro.scanCode({ scanType: ['qrCode'] });
    return { ok: true, data: res.result };
  } catch (error) {
    // Backing out of the scanner is a choice, not a failure worth a message.
    if (isCancel(error)) {
      return { ok: true, data: null };
    }
    console.error('[scanCode]', error);
    return platformFailure(error);
  }
}

/** WeChat says "the user backed out" with an errMsg ending in cancel. */
function isCancel(error: unknown): boolean {
  return isRecord(error) && typeof error.errMsg === 'string' && /cancel/.test(error.errMsg);
}

async function choosePhoto(): Promise<FunctionResult<LocalPhoto | null>> {
  try {
    // Taro 4.2.0 does not promisify chooseMedia on weapp (it is missing from its list), so the
    // callbacks are given here rather than relying on the base library's own promise.
    const res = await new Promise<Taro.chooseMedia.SuccessCallbackResult>((resolve, reject) => {
      void Taro.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sourceType: ['camera', 'album'],
        // A receipt is readable compressed, and a smaller file uploads on a weak signal.
        sizeType: ['compressed'],
        success: resolve,
        fail: reject,
      });
    });
    const file = res.tempFiles[0];
    return { ok: true, data: file ? { path: file.tempFilePath, size: file.size } : null };
  } catch (error) {
    if (isCancel(error)) return { ok: true, data: null };
    console.error('[choosePhoto]', error);
    return platformFailure(error);
  }
}

/**
 * One file from a WeChat chat, which is the only place a mini-program may pick files from (a
 * register filled in on a computer, a notice's PDF or recording); null when the user backs out.
 * `chooseMessageFile` is not promisified by Taro 4.2.0.
 */
async function chooseChatFile(
  extensions: readonly string[],
  tag: string,
): Promise<FunctionResult<LocalFile | null>> {
  let res: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    res = await new Promise((resolve, reject) => {
      void Taro.chooseMessageFile({
        count: 1,
        type: 'file',
        extension: [...extensions],
        success: resolve,
        fail: reject,
      });
    });
  } catch (error) {
    if (isCancel(error)) return { ok: true, data: null };
    console.error(`[${tag}]`, error);
    return platformFailure(error);
  }
  const picked = res.tempFiles[0];
  return {
    ok: true,
    data: picked ? { path: picked.path, size: picked.size, name: picked.name } : null,
  };
}

async function chooseSpreadsheet(): Promise<FunctionResult<LocalFile | null>> {
  const chosen = await chooseChatFile(['xlsx'], 'chooseSpreadsheet');
  if (!chosen.ok || chosen.data === null) return chosen;
  return checkSpreadsheet(chosen.data);
}

async function chooseNoticeFile(
  kind: NoticeDocumentKind,
): Promise<FunctionResult<ChosenNoticeFile | null>> {
  const chosen = await chooseChatFile(noticeDocumentExtensions(kind), 'chooseNoticeFile');
  if (!chosen.ok) return chosen;
  const file = chosen.data;
  if (file === null) return { ok: true, data: null };
  const extension = checkNoticeFile(kind, file);
  if (!extension.ok) return extension;
  if (kind === 'attachment')
    return { ok: true, data: { ...file, extension: extension.data, seconds: 0 } };
  const seconds = await audioSeconds(file.path);
  if (!seconds.ok) return seconds;
  return { ok: true, data: { ...file, extension: extension.data, seconds: seconds.data } };
}

/** How often, and how many times, a loaded clip's duration is read before giving up. */
const DURATION_POLL_MS = 100;
const DURATION_POLLS = 30;

/**
 * A clip's length by WeChat's own player: it knows the duration only some time after canplay,
 * so it is read until it is there.
 */
function audioSeconds(path: string): Promise<FunctionResult<number>> {
  return new Promise((resolve) => {
    const player = Taro.createInnerAudioContext();
    let polls = 0;
    const finish = (result: FunctionResult<number>) => {
      player.destroy();
      resolve(result);
    };
    const read = () => {
      if (player.duration > 0) finish({ ok: true, data: wholeSeconds(player.duration) });
      else if ((polls += 1) > DURATION_POLLS)
        finish(fail('INVALID_INPUT', '无法读取音频时长，请换一个文件'));
      else setTimeout(read, DURATION_POLL_MS);
    };
    player.onCanplay(read);
    player.onError(() => finish(fail('INVALID_INPUT', '无法播放这个音频文件，请换一个文件')));
    player.src = path;
  });
}

/**
 * WeChat's one recorder: MP3 (which every phone plays back), mono speech quality, stopped by
 * WeChat itself at the longest clip a notice takes.
 */
function weappRecorder(): AudioRecorder {
  let ended: ((result: FunctionResult<LocalRecording>) => void) | null = null;
  let listening = false;
  const finish = (result: FunctionResult<LocalRecording>) => {
    const callback = ended;
    ended = null;
    callback?.(result);
  };
  return {
    start(onEnded) {
      const manager = Taro.getRecorderManager();
      // The manager is one per mini-program: listen once, and route each end to the latest start.
      if (!listening) {
        listening = true;
        manager.onStop((res) => {
          finish({
            ok: true,
            data: {
              path: res.tempFilePath,
              size: res.fileSize,
              seconds: Math.min(MAX_AUDIO_SECONDS, wholeSeconds(res.duration / 1000)),
              extension: 'mp3',
            },
          });
        });
        manager.onError((error) => {
          console.error('[recorder]', error);
          finish(
            fail(
              'INTERNAL',
              /auth|permission/i.test(error.errMsg)
                ? '未获得麦克风权限，请在设置中允许「网格守护」使用麦克风'
                : '录音失败，请重试',
            ),
          );
        });
      }
      ended = onEnded;
      manager.start({
        duration: MAX_AUDIO_SECONDS * 1000,
        format: 'mp3',
        sampleRate: 16000,
        numberOfChannels: 1,
        encodeBitRate: 48000,
      });
    },
    stop() {
      Taro.getRecorderManager().stop();
    },
  };
}

async function uploadFile(
  localPath: string,
  cloudPath: string,
): Promise<FunctionResult<{ fileID: string }>> {
  try {
    if (!ensureCloud()) return fail('INTERNAL');
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath });
    return res.fileID ? { ok: true, data: { fileID: res.fileID } } : fail('INTERNAL');
  } catch (error) {
    console.error('[uploadFile]', error);
    return platformFailure(error);
  }
}

async function openSpreadsheet(url: string): Promise<FunctionResult<null>> {
  try {
    // The link's domain must be among the mini-program's downloadFile domains (管理后台 → 开发设置).
    const downloaded = await Taro.downloadFile({ url });
    if (downloaded.statusCode !== 200) {
      console.error('[openSpreadsheet] HTTP', downloaded.statusCode);
      return fail('INTERNAL', '文件下载失败，请重试');
    }
    // showMenu lets the user forward the file to a chat or save it from the viewer.
    await Taro.openDocument({
      filePath: downloaded.tempFilePath,
      fileType: 'xlsx',
      showMenu: true,
    });
    return { ok: true, data: null };
  } catch (error) {
    console.error('[openSpreadsheet]', error);
    return platformFailure(error);
  }
}

/** A link WeChat's players can load for a stored file: the cloud hands one out per fileID. */
async function tempFileUrl(fileID: string): Promise<FunctionResult<string>> {
  try {
    if (!ensureCloud()) return fail('INTERNAL');
    const res = await Taro.cloud.getTempFileURL({ fileList: [fileID] });
    const url = res.fileList[0]?.tempFileURL;
    return url ? { ok: true, data: url } : fail('NOT_FOUND', '文件不存在或已删除');
  } catch (error) {
    console.error('[tempFileUrl]', error);
    return platformFailure(error);
  }
}

async function openDocument(fileID: string): Promise<FunctionResult<null>> {
  try {
    if (!ensureCloud()) return fail('INTERNAL');
    // The cloud's own download takes the fileID, so no download domain needs configuring.
    const downloaded = await Taro.cloud.downloadFile({ fileID });
    await Taro.openDocument({
      filePath: downloaded.tempFilePath,
      fileType: 'pdf',
      showMenu: true,
    });
    return { ok: true, data: null };
  } catch (error) {
    console.error('[openDocument]', error);
    return fail('INTERNAL', '文件打开失败，请重试');
  }
}

function previewImages(fileIDs: string[], current: string): void {
  // WeChat's viewer loads cloud fileIDs itself, as <Image> does.
  Taro.previewImage({ urls: fileIDs, current }).catch((error: unknown) => {
    console.error('[previewImages]', error);
  });
}

let audioOptionSet = false;

function createAudioPlayer(events: AudioEvents): AudioPlayer {
  if (!audioOptionSet) {
    audioOptionSet = true;
    // A recording is played because someone pressed play: heard even with the phone's silent
    // switch on, which an elderly listener may not know is set.
    Taro.setInnerAudioOption({ obeyMuteSwitch: false }).catch((error: unknown) => {
      console.error('[setInnerAudioOption]', error);
    });
  }
  const context = Taro.createInnerAudioContext();
  /** The clip whose link is loaded; null until the first play and after a stop. */
  let loaded: string | null = null;
  /** Bumped by every play, pause and stop: a play still waiting for its link gives way. */
  let turn = 0;
  context.onEnded(() => events.onEnded());
  context.onError((res) => {
    console.error('[audio]', res.errCode, res.errMsg);
    loaded = null;
    events.onError('语音无法播放，请检查网络后重试');
  });
  return {
    async play(fileID) {
      const mine = ++turn;
      if (loaded !== fileID) {
        const url = await tempFileUrl(fileID);
        if (mine !== turn) return { ok: true, data: null };
        if (!url.ok) return url;
        context.stop();
        context.src = url.data;
        loaded = fileID;
      }
      context.play();
      return { ok: true, data: null };
    },
    pause() {
      turn += 1;
      context.pause();
    },
    stop() {
      turn += 1;
      // WeChat's stop rewinds: the link stays good for the next play.
      context.stop();
    },
    destroy() {
      turn += 1;
      loaded = null;
      context.destroy();
    },
  };
}

async function canvasImage(canvas: CanvasNode): Promise<FunctionResult<LocalPhoto>> {
  try {
    const { tempFilePath } = await Taro.canvasToTempFilePath({
      canvas: canvas as Taro.Canvas,
      destWidth: canvas.width,
      destHeight: canvas.height,
      fileType: 'png',
    });
    const info = await Taro.getFileInfo({ filePath: tempFilePath });
    // Typed as success or failure; a failure throws, so only the size of a success is read.
    const size = 'size' in info && typeof info.size === 'number' ? info.size : 0;
    return { ok: true, data: { path: tempFilePath, size } };
  } catch (error) {
    console.error('[canvasImage]', error);
    return fail('INTERNAL', '签名图片生成失败，请重试');
  }
}

/** WeChat's words for "no album permission", refused now or earlier (or not yet agreed to). */
const ALBUM_REFUSED = /auth|authorize|permission/i;

async function saveCanvasImage(canvas: CanvasNode): Promise<FunctionResult<SavedImage>> {
  let filePath: string;
  try {
    // Only the output size is given: the area copied then defaults to the whole canvas, in
    // whatever units the base library measures a 2d canvas, and the picture keeps every pixel.
    const res = await Taro.canvasToTempFilePath({
      canvas: canvas as Taro.Canvas,
      destWidth: canvas.width,
      destHeight: canvas.height,
      fileType: 'png',
    });
    filePath = res.tempFilePath;
  } catch (error) {
    console.error('[saveCanvasImage] canvasToTempFilePath', error);
    return fail('INTERNAL', '图片生成失败，请重试');
  }
  try {
    // The first save asks for the album permission itself.
    await Taro.saveImageToPhotosAlbum({ filePath });
    return { ok: true, data: 'album' };
  } catch (error) {
    const errMsg = isRecord(error) && typeof error.errMsg === 'string' ? error.errMsg : '';
    if (ALBUM_REFUSED.test(errMsg)) {
      await offerAlbumSettings();
      return fail('INTERNAL', '未获得相册权限，图片未保存');
    }
    if (isCancel(error)) return fail('INTERNAL', '已取消保存');
    console.error('[saveCanvasImage] saveImageToPhotosAlbum', error);
    return platformFailure(error);
  }
}

/** Once refused, WeChat never asks again: only its settings page can grant the album. */
async function offerAlbumSettings(): Promise<void> {
  try {
    const res = await Taro.showModal({
      title: '无法保存到相册',
      content: '需要允许「网格守护」添加到相册。请在设置中打开「添加到相册」后再保存。',
      confirmText: '去设置',
      cancelText: '取消',
    });
    // openSetting must follow a tap; the dialog's 去设置 is one.
    if (res.confirm) await Taro.openSetting();
  } catch (error) {
    console.error('[saveCanvasImage] openSetting', error);
  }
}

/** WeChat's storage for this mini-program (10 MB); a key never written reads as ''. */
const storage: LocalStore = {
  read(key) {
    try {
      const value: unknown = Taro.getStorageSync(key);
      return value === '' ? null : value;
    } catch (error) {
      console.error('[storage.read]', error);
      return null;
    }
  },
  write(key, value) {
    try {
      Taro.setStorageSync(key, value);
      return true;
    } catch (error) {
      console.error('[storage.write]', error);
      return false;
    }
  },
};
async function makePhoneCall(phoneNumber: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber });
  } catch {
    // Cancelling the dialler is the user's own choice.
  }
}

export const platform: Platform = {
  kind: 'weapp',
  callFunction,
  requestSubscribe,
  choosePhoto,
  chooseSpreadsheet,
  chooseNoticeFile,
  recorder: { supported: true, recorder: weappRecorder() },
  uploadFile,
  // WeChat's image component loads cloud fileIDs itself, with the storage permissions applied.
  photoSrc: (fileID) => fileID,
  storage,
  scanCode,
  openSpreadsheet,
  openDocument,
  previewImages,
  createAudioPlayer,
  saveCanvasImage,
  canvasImage,
  makePhoneCall,
};

import type { FunctionInput, FunctionName, FunctionOutput, FunctionResult } from '@gridguard/types';
import type { ReactNode } from 'react';

/**
 * The one place that knows how to reach the backend. `index.weapp.ts` and `index.h5.ts` each
 * export a `platform` of this type; Taro picks the file by suffix at build time.
 */
export interface Platform {
  readonly kind: 'weapp' | 'h5';
  /** Resolves with the function's own result; transport failures become `INTERNAL` failures. */
  callFunction<N extends FunctionName>(
    name: N,
    input: FunctionInput<N>,
  ): Promise<FunctionResult<FunctionOutput<N>>>;
  /** Asks for one-time subscribe-message consent (must run inside a tap handler on weapp). */
  requestSubscribe(tmplIds: string[]): Promise<FunctionResult<SubscribeDecisions>>;
  /**
   * Lets the user take or pick one photo (compressed where the platform can); resolves with it,
   * or null when the user backs out.
   */
  choosePhoto(): Promise<FunctionResult<LocalPhoto | null>>;
  /**
   * Lets the user pick one filled-in register (.xlsx): on WeChat from a chat, where files arrive
   * on a phone; in the browser from disk. Resolves with it, or null when the user backs out. A
   * file that is not .xlsx or is over IMPORT_MAX_BYTES is refused here, in Chinese, before any
   * upload.
   */
  chooseSpreadsheet(): Promise<FunctionResult<LocalFile | null>>;
  /**
   * Lets the user pick one document for a notice: the PDF of its official text, or a recording
   * made elsewhere (MP3, AAC, M4A). On WeChat from a chat, in the browser from disk; a file of
   * another kind, empty or over NOTICE_FILE_MAX_BYTES is refused here, in Chinese. An audio file
   * comes with its length, read by the platform's own player.
   */
  chooseNoticeFile(kind: NoticeDocumentKind): Promise<FunctionResult<ChosenNoticeFile | null>>;
  /**
   * The microphone, where the platform can record a format the server takes (MP3 or AAC):
   * WeChat's recorder can; a browser's MediaRecorder makes only WebM or Ogg in Chromium, so h5
   * says why not and the page offers an audio file instead.
   */
  readonly recorder: RecorderSupport;
  /**
   * Uploads a file chosen with choosePhoto or chooseSpreadsheet to cloud storage at `cloudPath`
   * and resolves with the cloud fileID (`cloud://…`) functions take, as wx.cloud.uploadFile does.
   */
  uploadFile(localPath: string, cloudPath: string): Promise<FunctionResult<{ fileID: string }>>;
  /** Where an `<Image>` finds a stored photo by its cloud fileID. */
  photoSrc(fileID: string): string;
  /**
   * Reads a QR code with the camera and resolves with its text, or null when the user backs out.
   * Absent on h5: the browser preview has no WeChat scanner, so codes are typed there.
   */
  readonly scanCode?: () => Promise<FunctionResult<string | null>>;
  /**
   * Hands a spreadsheet at a temporary download link to the user: WeChat downloads it and opens
   * its document viewer (share or save from there); the browser downloads it. Resolves once the
   * file is shown or the download has started.
   */
  openSpreadsheet(url: string, fileName: string): Promise<FunctionResult<null>>;
  /**
   * Opens a PDF kept in cloud storage (a notice's attachment) by its fileID: WeChat downloads it
   * and shows it in its document viewer (share or save from there); the browser opens its link
   * in a new tab (or downloads it). Resolves once the document is shown or handed over.
   */
  openDocument(fileID: string, fileName: string): Promise<FunctionResult<null>>;
  /**
   * Shows stored pictures full screen, starting at `current`, to swipe through and zoom: WeChat's
   * own viewer, Taro's in the browser.
   */
  previewImages(fileIDs: string[], current: string): void;
  /**
   * A player for recordings kept in cloud storage, one clip at a time: WeChat's inner audio
   * context, an `<audio>` element in the browser. `events` say when a clip ends by itself or
   * cannot be played (then the player is stopped).
   */
  createAudioPlayer(events: AudioEvents): AudioPlayer;
  /**
   * Hands what a `<Canvas type="2d">` shows to the user as a PNG of the canvas's own pixel size:
   * WeChat saves it to the photo album (asking for the album permission, and offering the
   * settings page when it was refused), the browser downloads it as `fileName`. Resolves with
   * where the picture went, for the page's toast.
   */
  saveCanvasImage(canvas: CanvasNode, fileName: string): Promise<FunctionResult<SavedImage>>;
  /**
   * What a `<Canvas type="2d">` shows as a PNG on the device, ready for `uploadFile` (a signature
   * drawn on the phone): a temp file on weapp, a blob URL on h5.
   */
  canvasImage(canvas: CanvasNode): Promise<FunctionResult<LocalPhoto>>;
  /**
   * Small values kept on the phone across launches (WeChat's storage for the mini-program, the
   * browser's localStorage on h5): work made without a network, waiting to be sent. `write`
   * answers false when the phone refused it (storage full or unavailable).
   */
  readonly storage: LocalStore;
  /**
   * One tap to call someone whose full number was just revealed: WeChat opens the dialler (the
   * user may still cancel); the browser preview, with no phone to dial, shows the number.
   */
  makePhoneCall(phoneNumber: string, name: string): Promise<void>;
  /**
   * Local preview only: on h5 there is no WeChat to vouch for the user, so the emulator's
   * gateway lets a developer pick a demo user. Absent on weapp, where identity comes from WeChat.
   */
  readonly devLogin?: DevLogin;
}

/** One clip at a time, by its cloud fileID; another clip's play stops the one before. */
export interface AudioPlayer {
  /**
   * Plays `fileID`: on from where it was paused if it is the clip played last, else from the
   * start. Resolves once playing was asked for, or with why it cannot be (no link to the file,
   * the browser refused).
   */
  play(fileID: string): Promise<FunctionResult<null>>;
  pause(): void;
  /** Stops and forgets the position: the next play starts from the beginning. */
  stop(): void;
  /** Stops and frees the player; the page calls it when it closes. */
  destroy(): void;
}

export interface AudioEvents {
  /** The clip played to its end. */
  onEnded(): void;
  /** The clip could not be loaded or decoded; `message` is for the user, in Chinese. */
  onError(message: string): void;
}

/** Values as JSON would carry them, by key; a missing or unreadable key reads as null. */
export interface LocalStore {
  read(key: string): unknown;
  write(key: string, value: unknown): boolean;
}

/** A `<Canvas type="2d">` as both platforms hand it to a selector query's `node()`. */
export interface CanvasNode {
  /** The drawing's size in canvas pixels, not the size it is shown at. */
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

/** Where a saved picture went: WeChat's photo album, or the browser's downloads. */
export type SavedImage = 'album' | 'download';

/** A photo on the device, before upload: a temp file path on weapp, a blob URL on h5. */
export interface LocalPhoto {
  path: string;
  /** Bytes, so a photo over the upload limit is refused before it is sent. */
  size: number;
}

/** A document on the device, before upload: a temp file path on weapp, a blob URL on h5. */
export interface LocalFile {
  path: string;
  size: number;
  /** The name the user knows it by (the temp path says nothing to them). */
  name: string;
}

/** What a notice may carry as a file picked from the device rather than a photo. */
export type NoticeDocumentKind = 'attachment' | 'audio';

/** A notice's document on the device, with what its upload target is asked for. */
export interface ChosenNoticeFile extends LocalFile {
  extension: 'pdf' | 'mp3' | 'aac' | 'm4a';
  /** An audio file's length in whole seconds (at least 1); 0 for a PDF. */
  seconds: number;
}

/** A finished recording on the device, ready for uploadFile. */
export interface LocalRecording {
  path: string;
  size: number;
  seconds: number;
  extension: 'mp3' | 'aac';
}

export interface AudioRecorder {
  /**
   * Starts recording (WeChat asks for the microphone the first time). `ended` is called once:
   * with the clip when stop() is called or the recorder's limit is reached, or with why it
   * failed (the microphone refused, another app holding it).
   */
  start(ended: (result: FunctionResult<LocalRecording>) => void): void;
  stop(): void;
}

export type RecorderSupport =
  { supported: true; recorder: AudioRecorder } | { supported: false; reason: string };

export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter';
export type SubscribeDecisions = Record<string, SubscribeDecision>;

export interface DemoUser {
  openid: string;
  name: string;
  roleLabel: string;
}

export interface DevLogin {
  listUsers(): Promise<FunctionResult<DemoUser[]>>;
  login(openid: string): Promise<FunctionResult<DemoUser>>;
  /** The user picked earlier in this browser, or null. */
  current(): DemoUser | null;
  logout(): void;
}

/** A place as the region picker shows it: names, and the code once the names came from a pick. */
export interface RegionValue {
  province: string;
  city: string;
  district: string;
  code?: string | undefined;
}

/** What a pick gives: the three names (blank where there is no such level) and the most specific code. */
export interface RegionPick {
  province: string;
  city: string;
  district: string;
  code: string;
}

/**
 * `region-picker.weapp.tsx` and `region-picker.h5.tsx` each export a `RegionPicker` taking these
 * props: tapping `children` opens a 省/市/区县 picker starting at `value`.
 */
export interface RegionPickerProps {
  value: RegionValue;
  onPick: (pick: RegionPick) => void;
  children: ReactNode;
}

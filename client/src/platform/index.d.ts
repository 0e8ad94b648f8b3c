// What `import { platform } from '../platform'` gives the type checker; at build time Taro
// resolves the same import to index.weapp.ts or index.h5.ts (see conformance.ts).
import type { Platform } from './contract';

export type {
  AudioEvents,
  AudioPlayer,
  AudioRecorder,
  CanvasNode,
  ChosenNoticeFile,
  DemoUser,
  DevLogin,
  LocalFile,
  LocalPhoto,
  LocalRecording,
  LocalStore,
  NoticeDocumentKind,
  Platform,
  RecorderSupport,
  SavedImage,
  SubscribeDecision,
  SubscribeDecisions,
} from './contract';

export declare const platform: Platform;

// What `import { platform } from '../platform'` gives the type checker; at build time Taro
// resolves the same import to index.weapp.ts or index.h5.ts (see conformance.ts).
import type { Platform } from './contract';

export type {
  AudioEvents,
  AudioPlayer,
  CanvasNode,
  DemoUser,
  DevLogin,
  LocalFile,
  LocalPhoto,
  LocalStore,
  Platform,
  SavedImage,
  SubscribeDecision,
  SubscribeDecisions,
} from './contract';

export declare const platform: Platform;

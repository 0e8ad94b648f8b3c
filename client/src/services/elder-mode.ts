import Taro from '@tarojs/taro';

/** Where the choice is remembered on this phone (WeChat's storage, the browser's on h5). */
const STORAGE_KEY = 'gridguard.elderMode';

const listeners = new Set<() => void>();
let cached: boolean | null = null;

/** 长辈模式: large type and large tap targets on the resident pages; off until switched on. */
export function elderModeOn(): boolean {
  if (cached === null) {
    try {
      cached = Taro.getStorageSync<boolean>(STORAGE_KEY) === true;
    } catch {
      // Storage unreadable (private mode, a full disk): the ordinary size, as on a first start.
      cached = false;
    }
  }
  return cached;
}

export function setElderMode(on: boolean): void {
  cached = on;
  try {
    Taro.setStorageSync(STORAGE_KEY, on);
  } catch (error) {
    // Kept for this session at least; the next start asks again.
    console.warn('[elderMode] not remembered', error);
  }
  for (const listener of [...listeners]) listener();
}

export function onElderModeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

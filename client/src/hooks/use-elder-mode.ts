import { useSyncExternalStore } from 'react';
import { elderModeOn, onElderModeChange } from '../services/elder-mode';

/**
 * Whether 长辈模式 is on, re-rendering when it is switched. A view that honours it adds the
 * `elder` class (app.css) to its root: type and tap targets inside grow.
 */
export function useElderMode(): boolean {
  return useSyncExternalStore(onElderModeChange, elderModeOn, elderModeOn);
}

/** `base`, with `elder` added while 长辈模式 is on. */
export function useElderClass(base: string): string {
  return useElderMode() ? `${base} elder` : base;
}

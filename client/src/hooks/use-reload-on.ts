import { useEffect } from 'react';

/**
 * Reads again whenever the parent bumps `key` (after a write of its own), but not on the first
 * render, when the read is already under way.
 */
export function useReloadOn(key: number, reload: () => Promise<void>): void {
  useEffect(() => {
    if (key > 0) void reload();
  }, [key, reload]);
}

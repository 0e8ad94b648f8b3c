import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode, FunctionResult } from '@gridguard/types';
import { changeVersion } from '../services/changes';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'failed'; code: ErrorCode; message: string }
  | { status: 'ready'; data: T };

/**
 * Loads one thing for a page: on mount, on `reload()`, and when the page is shown again after a
 * write elsewhere (say, a child node deleted on the next page). `load` must be memoised.
 */
export function useResource<T>(load: () => Promise<FunctionResult<T>>) {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const seenVersion = useRef(changeVersion());

  const reload = useCallback(async () => {
    const request = ++latest.current;
    seenVersion.current = changeVersion();
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    const result = await load();
    // An older request answering late must not overwrite a newer one.
    if (request !== latest.current) return;
    setState(
      result.ok
        ? { status: 'ready', data: result.data }
        : { status: 'failed', code: result.code, message: result.message },
    );
  }, [load]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  useDidShow(() => {
    if (seenVersion.current !== changeVersion()) void reload();
  });

  return { state, reload };
}

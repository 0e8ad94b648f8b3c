import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode, FunctionResult } from '@gridguard/types';
import { useFreshness, type FreshnessOptions } from './use-freshness';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'failed'; code: ErrorCode; message: string }
  | { status: 'ready'; data: T };

/**
 * Loads one thing for a page: on mount, on `reload()`, and after a write to what it shows (say, a
 * child node deleted on the next page; see useFreshness). `load` must be memoised.
 */
export function useResource<T>(
  load: () => Promise<FunctionResult<T>>,
  freshness: FreshnessOptions = {},
) {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const reloadRef = useRef<() => Promise<void>>(async () => undefined);
  const started = useFreshness(() => void reloadRef.current(), freshness);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    started();
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    const result = await load();
    // An older request answering late must not overwrite a newer one.
    if (request !== latest.current) return;
    setState(
      result.ok
        ? { status: 'ready', data: result.data }
        : { status: 'failed', code: result.code, message: result.message },
    );
  }, [load, started]);
  reloadRef.current = reload;

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  return { state, reload };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FunctionResult, Page } from '@gridguard/types';
import { useFreshness, type FreshnessOptions } from './use-freshness';

export type PagedListState<T> =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | {
      status: 'ready';
      items: T[];
      total: number;
      page: number;
      loadingMore: boolean;
      moreError: string | null;
    };

/** A list as usePagedList keeps it: its state, and the two ways to read more of it. */
export interface PagedList<T> {
  state: PagedListState<T>;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * A list read page by page with 加载更多. Reloading starts again from page 1, as does a write to
 * what it shows (see useFreshness). `fetchPage` must be memoised.
 */
export function usePagedList<T extends { id: string }>(
  fetchPage: (page: number) => Promise<FunctionResult<Page<T>>>,
  freshness: FreshnessOptions = {},
): PagedList<T> {
  const [state, setState] = useState<PagedListState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const reloadRef = useRef<() => Promise<void>>(async () => undefined);
  const started = useFreshness(() => void reloadRef.current(), freshness);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    started();
    const result = await fetchPage(1);
    if (request !== latest.current) return;
    setState(
      result.ok
        ? {
            status: 'ready',
            items: result.data.items,
            total: result.data.total,
            page: 1,
            loadingMore: false,
            moreError: null,
          }
        : { status: 'failed', message: result.message },
    );
  }, [fetchPage, started]);
  reloadRef.current = reload;

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (current.status !== 'ready' || current.loadingMore) return;
    const request = latest.current;
    const next = current.page + 1;
    setState({ ...current, loadingMore: true, moreError: null });
    const result = await fetchPage(next);
    // A reload meanwhile restarted the list; this page belongs to the old one.
    if (request !== latest.current) return;
    setState((previous) => {
      if (previous.status !== 'ready') return previous;
      if (!result.ok) return { ...previous, loadingMore: false, moreError: result.message };
      // Rows added since page 1 shift later pages; never show one twice.
      const known = new Set(previous.items.map((item) => item.id));
      return {
        ...previous,
        items: [...previous.items, ...result.data.items.filter((item) => !known.has(item.id))],
        total: result.data.total,
        page: next,
        loadingMore: false,
      };
    });
  }, [fetchPage]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  return { state, reload, loadMore };
}

/**
 * A page whose rows carry their key under another name (a person, a node), keyed as the list
 * needs it: by `keyOf`, stored as `id`.
 */
export async function keyedPage<T>(
  request: Promise<FunctionResult<Page<T>>>,
  keyOf: (row: T) => string,
): Promise<FunctionResult<Page<T & { id: string }>>> {
  const result = await request;
  if (!result.ok) return result;
  const items = result.data.items.map((row) => ({ ...row, id: keyOf(row) }));
  return { ok: true, data: { ...result.data, items } };
}

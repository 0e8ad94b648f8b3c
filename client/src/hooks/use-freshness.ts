import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef } from 'react';
import {
  TOPICS,
  changedSince,
  currentSequence,
  onInvalidate,
  type Topic,
} from '../services/invalidation';

/** Every topic but the unread reports, which a read marks and only home shows. */
const ANY_WRITE: readonly Topic[] = TOPICS.filter((topic) => topic !== 'unreadReports');

export interface FreshnessOptions {
  /**
   * What the view shows; a write to any of these reads it again, in place if its page is in
   * front. A view must not name a topic its own read marks (dashboard.node marks a report read).
   * Omitted: any write reads it again, but only once its page is shown again, as pages that keep
   * their own lists in step after their own writes expect.
   */
  topics?: readonly Topic[];
  /**
   * Others change it too (a leader admits the caller, residents report): read again whenever the
   * page is shown again, written here or not. Only for cheap reads.
   */
  live?: boolean;
}

/**
 * Keeps one view's read fresh: after a write to one of its topics it calls `reload` at once when
 * its page is in front, or when the page is shown again (back from the page that wrote). Returns
 * `started`, which the view calls as each read begins.
 */
export function useFreshness(reload: () => void, options: FreshnessOptions = {}): () => void {
  const topics = options.topics ?? ANY_WRITE;
  const inPlace = options.topics !== undefined;
  const live = options.live ?? false;
  const seen = useRef(currentSequence());
  // A page is in front from its first render until a page opens over it.
  const inFront = useRef(true);
  const queued = useRef(false);
  const latest = useRef({ reload, topics, inPlace, live });
  latest.current = { reload, topics, inPlace, live };

  const started = useCallback(() => {
    seen.current = currentSequence();
    queued.current = false;
  }, []);

  useEffect(
    () =>
      onInvalidate((changed) => {
        if (!latest.current.inPlace || !inFront.current || queued.current) return;
        if (!changed.some((topic) => latest.current.topics.includes(topic))) return;
        // After the writer's own code has run: a page that reloads itself after its write has
        // then started that read, and this one is dropped.
        queued.current = true;
        setTimeout(() => {
          if (queued.current) latest.current.reload();
        }, 0);
      }),
    [],
  );

  useDidHide(() => {
    inFront.current = false;
  });

  useDidShow(() => {
    // The first show follows the first render, whose read is already under way.
    if (inFront.current) return;
    inFront.current = true;
    const { reload: read, topics: shown, live: others } = latest.current;
    if (others || changedSince(shown, seen.current)) read();
  });

  return started;
}

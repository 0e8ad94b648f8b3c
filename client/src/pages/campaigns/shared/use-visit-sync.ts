import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { queuedVisits, syncQueuedVisits, type SyncReport } from '../../../services/visit-queue';

/**
 * The visits of a campaign waiting on the phone, sent whenever the page shows (the network may be
 * back) and on demand. `onSent` runs after a sync that sent or dropped anything, to read again.
 */
export function useVisitSync(campaignId: string, onSent: () => unknown) {
  const [version, setVersion] = useState(0);
  const [syncing, setSyncing] = useState(false);
  const [report, setReport] = useState<SyncReport | null>(null);
  const waiting = queuedVisits(campaignId);

  const sync = useCallback(async () => {
    setSyncing(true);
    const done = await syncQueuedVisits();
    setSyncing(false);
    setReport(done);
    setVersion((v) => v + 1);
    if (done.sent > 0 || done.refused.length > 0) await onSent();
    return done;
  }, [onSent]);

  useDidShow(() => {
    if (queuedVisits().length > 0) void sync();
  });

  return {
    waiting,
    syncing,
    report,
    sync,
    /** Read the queue again after a change made on the page (a visit queued or deleted). */
    refresh: () => setVersion((v) => v + 1),
    version,
  };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import {
  exportReport,
  getExportStatus,
  newExportId,
  type ExportResult,
  type ExportStatus,
} from '../../services/dashboard';

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; progress: ExportStatus | null }
  | { status: 'done'; result: ExportResult }
  | { status: 'failed'; message: string };

/** How often progress is asked for while the export call is pending. */
export const EXPORT_POLL_MS = 1000;

/**
 * One export at a time: the export call itself answers only at the end, so its progress is read
 * from exportStatus under the id chosen here, until the call returns.
 */
export function useExport(gridId: string, day: string) {
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const running = useRef(false);
  const mounted = useRef(true);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const stopPolling = () => {
    if (timer.current !== null) clearInterval(timer.current);
    timer.current = null;
  };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      stopPolling();
    };
  }, []);

  const start = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    const exportId = newExportId();
    setState({ status: 'running', progress: null });
    let asking = false;
    timer.current = setInterval(() => {
      // A slow answer must not stack another request behind it.
      if (asking) return;
      asking = true;
      void getExportStatus(exportId).then((status) => {
        asking = false;
        // NOT_FOUND until the export has recorded its first step; keep waiting then.
        if (!status.ok || !mounted.current || !running.current) return;
        setState((previous) =>
          previous.status === 'running' ? { status: 'running', progress: status.data } : previous,
        );
      });
    }, EXPORT_POLL_MS);

    const result = await exportReport(gridId, day, exportId);
    running.current = false;
    stopPolling();
    if (!mounted.current) return;
    setState(
      result.ok
        ? { status: 'done', result: result.data }
        : { status: 'failed', message: result.message },
    );
  }, [gridId, day]);

  return { state, start };
}

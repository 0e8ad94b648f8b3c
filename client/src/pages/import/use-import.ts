import { useCallback, useEffect, useRef, useState } from 'react';
import {
  chooseRegisterFile,
  commitImportPart,
  isCommittable,
  previewImport,
  uploadRegisterFile,
  type ImportView,
} from '../../services/imports';

/** Where the page is in 上传 → 校验 → 确认 → 导入. */
export type ImportFlow =
  /** Nothing uploaded yet. */
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string }
  | { step: 'checking'; fileName: string }
  /** An import the caller left previewed or half-committed earlier, found on opening the page. */
  | { step: 'pending'; view: ImportView }
  /** A checked file: its counts, or its errors; `fileName` when it was uploaded just now. */
  | { step: 'preview'; view: ImportView; fileName: string | null }
  /** Committing part after part; `failure` stops the run until 继续导入. */
  | { step: 'committing'; view: ImportView; failure: string | null }
  | { step: 'done'; view: ImportView };

/** Commit calls in a row that may finish no part (say, another phone is on the same import). */
const MAX_STALLED_CALLS = 5;
/** The wait before asking again after a call that finished no part. */
const STALLED_WAIT_MS = 1000;
const STALLED_MESSAGE = '导入暂时没有进展，请稍后点「继续导入」';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The import of one node's register: pick and upload a file, have the server check it, then
 * commit it a part at a time, calling again until it is done. The server keeps where it got to,
 * so a run cut short (a failed call, the app closed) resumes from the same import.
 */
export function useImport(gridId: string, pending: ImportView | null) {
  const [flow, setFlow] = useState<ImportFlow>(
    pending ? { step: 'pending', view: pending } : { step: 'idle' },
  );
  /** Why the last upload went nowhere; what was shown before it stays shown. */
  const [uploadError, setUploadError] = useState<string | null>(null);
  const mounted = useRef(true);
  const running = useRef(false);
  /** The flow as last set, for an upload that fails to put back what it replaced. */
  const shown = useRef(flow);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Sets the flow unless the page is gone (a run may answer after the user left). */
  const show = useCallback((next: ImportFlow) => {
    shown.current = next;
    if (mounted.current) setFlow(next);
  }, []);

  const upload = useCallback(async () => {
    if (running.current) return;
    const before = shown.current;
    setUploadError(null);
    const chosen = await chooseRegisterFile();
    if (!chosen.ok) {
      if (mounted.current) setUploadError(chosen.message);
      return;
    }
    // Backing out of the picker leaves whatever was shown as it was.
    const file = chosen.data;
    if (!file) return;
    running.current = true;
    const failed = (message: string) => {
      show(before);
      if (mounted.current) setUploadError(message);
    };
    try {
      show({ step: 'uploading', fileName: file.name });
      const uploaded = await uploadRegisterFile(gridId, file);
      if (!uploaded.ok) {
        failed(`上传失败：${uploaded.message}`);
        return;
      }
      show({ step: 'checking', fileName: file.name });
      const checked = await previewImport(gridId, uploaded.data.fileID);
      if (!checked.ok) {
        failed(`校验失败：${checked.message}`);
        return;
      }
      show({ step: 'preview', view: checked.data, fileName: file.name });
    } finally {
      running.current = false;
    }
  }, [gridId, show]);

  /** Runs commit until done; the caller has already confirmed (or confirmed on an earlier run). */
  const commit = useCallback(
    async (start: ImportView) => {
      if (running.current) return;
      running.current = true;
      try {
        setUploadError(null);
        let view = start;
        let stalled = 0;
        show({ step: 'committing', view, failure: null });
        while (isCommittable(view)) {
          if (!mounted.current) return;
          const result = await commitImportPart(view.importId);
          if (!result.ok) {
            show({ step: 'committing', view, failure: result.message });
            return;
          }
          const advanced =
            result.data.status !== view.status || result.data.progress.done > view.progress.done;
          view = result.data;
          show({ step: 'committing', view, failure: null });
          stalled = advanced ? 0 : stalled + 1;
          if (stalled >= MAX_STALLED_CALLS) {
            show({ step: 'committing', view, failure: STALLED_MESSAGE });
            return;
          }
          if (stalled > 0) await wait(STALLED_WAIT_MS);
        }
        // `invalid` once committing began would be the server finding a problem late: show it.
        show(
          view.status === 'done'
            ? { step: 'done', view }
            : { step: 'preview', view, fileName: null },
        );
      } finally {
        running.current = false;
      }
    },
    [show],
  );

  return { flow, uploadError, upload, commit };
}

import { useRef, useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import {
  createDraft,
  saveDraft,
  submissionKey,
  type NoticeContent,
  type NoticeView,
} from '../../../services/notices-manage';

/** The content fields a refusal may point at, by the schema's own names. */
export type ContentField = keyof NoticeContent;

/**
 * `content.title` → title: each refusal under its field, the first one per field; the rest of
 * the message goes above the buttons.
 */
function contentErrors(issues: readonly { path: string; message: string }[] | undefined) {
  const errors: Partial<Record<ContentField, string>> = {};
  for (const issue of issues ?? []) {
    const [head, field] = issue.path.split('.');
    if (head === 'content' && field) errors[field as ContentField] ??= issue.message;
  }
  return errors;
}

/**
 * The draft behind the form: none until it is first saved (an upload needs a notice to belong
 * to, so the first file saves it too), then its id and the version last read, which every save
 * carries so that an edit made meanwhile elsewhere is refused rather than overwritten.
 */
export function useDraft(gridId: string, initial: NoticeView | null) {
  const [key] = useState(submissionKey);
  const saved = useRef<{ id: string; rev: number } | null>(
    initial ? { id: initial.id, rev: initial.rev } : null,
  );
  const [errors, setErrors] = useState<Partial<Record<ContentField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Saves what the form holds; resolves with the stored notice, or null once the refusal shows. */
  const save = async (content: NoticeContent): Promise<NoticeView | null> => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    const current = saved.current;
    const result: FunctionResult<NoticeView> = current
      ? await saveDraft(current.id, current.rev, content)
      : await createDraft(gridId, key, content);
    setBusy(false);
    if (!result.ok) {
      setErrors(contentErrors(result.issues));
      setMessage(result.message);
      return null;
    }
    saved.current = { id: result.data.id, rev: result.data.rev };
    return result.data;
  };

  const fixed = (field: ContentField) =>
    setErrors((previous) => {
      if (!previous[field]) return previous;
      const next = { ...previous };
      delete next[field];
      return next;
    });

  /** The draft's id now, for callbacks that outlive the render they were made in (a recording). */
  const savedId = () => saved.current?.id ?? null;

  return { savedId, save, errors, fixed, message, setMessage, busy, setBusy };
}

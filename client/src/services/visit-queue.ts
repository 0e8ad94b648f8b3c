import type { FunctionFailure } from '@gridguard/types';
import { platform } from '../platform';
import { recordVisit, type VisitInput, type VisitView } from './campaigns';

/**
 * Visits made where there is no network (villages have dead spots) wait on the phone, shown as
 * 待同步, and go when a call gets through. Each keeps the client id it was made with, so a visit
 * that did arrive before the network dropped, or is sent twice, is recorded once by the server.
 */
const QUEUE_KEY = 'gridguard.visitQueue';
/** A day's round of doors and more; each entry is well under a kilobyte. */
export const MAX_QUEUED_VISITS = 300;

export interface QueuedVisit {
  input: VisitInput;
  /** The door, to show in the list while it waits. */
  label: string;
  queuedAt: string;
}

function isQueued(value: unknown): value is QueuedVisit {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<QueuedVisit>;
  return (
    typeof entry.label === 'string' &&
    typeof entry.queuedAt === 'string' &&
    typeof entry.input === 'object' &&
    entry.input !== null &&
    typeof entry.input.clientId === 'string' &&
    typeof entry.input.campaignId === 'string' &&
    typeof entry.input.targetId === 'string'
  );
}

function read(): QueuedVisit[] {
  const stored = platform.storage.read(QUEUE_KEY);
  return Array.isArray(stored) ? stored.filter(isQueued) : [];
}

const write = (queue: readonly QueuedVisit[]) => platform.storage.write(QUEUE_KEY, queue);

/** Visits waiting to be sent, oldest first; those of one campaign when given. */
export function queuedVisits(campaignId?: string): QueuedVisit[] {
  return read().filter((q) => campaignId === undefined || q.input.campaignId === campaignId);
}

/** A visit of this door this round waiting on the phone, if any. */
export function queuedVisitOf(campaignId: string, round: number, targetId: string) {
  return read().find(
    (q) =>
      q.input.campaignId === campaignId && q.input.round === round && q.input.targetId === targetId,
  );
}

/** Forgets a waiting visit (the member deleted it, or it was answered). */
export function discardQueued(clientId: string): void {
  const queue = read();
  const rest = queue.filter((q) => q.input.clientId !== clientId);
  if (rest.length !== queue.length) write(rest);
}

/**
 * No answer from the function: the network failed, or the call failed before it was judged.
 * Sending it again is safe (the client id), so it waits; any other failure is an answer.
 */
export const unanswered = (failure: FunctionFailure) =>
  failure.code === 'INTERNAL' || failure.code === 'UNAUTHENTICATED';

export type SendOutcome =
  | { status: 'sent'; visit: VisitView }
  | { status: 'queued' }
  | { status: 'refused'; failure: FunctionFailure };

/** Sends a visit; without an answer it waits on the phone (待同步) instead of being lost. */
export async function sendOrQueue(input: VisitInput, label: string): Promise<SendOutcome> {
  const result = await recordVisit(input);
  if (result.ok) {
    discardQueued(input.clientId);
    return { status: 'sent', visit: result.data };
  }
  if (!unanswered(result)) {
    discardQueued(input.clientId);
    return { status: 'refused', failure: result };
  }
  const queue = read().filter((q) => q.input.clientId !== input.clientId);
  const stored =
    queue.length < MAX_QUEUED_VISITS &&
    write([...queue, { input, label, queuedAt: new Date().toISOString() }]);
  if (!stored) {
    return {
      status: 'refused',
      failure: { ...result, message: `${result.message}；手机上待同步的记录已满，请先同步` },
    };
  }
  return { status: 'queued' };
}

export interface SyncReport {
  sent: number;
  /** Answered with a refusal (say, another member settled the door first): dropped, with why. */
  refused: { visit: QueuedVisit; message: string }[];
  /** Still waiting: the network is still out. */
  left: number;
}

let syncing: Promise<SyncReport> | null = null;

/**
 * Sends the waiting visits one by one, oldest first, and stops at the first that gets no answer
 * (the network is still out). One sync at a time: a second call waits for the one under way.
 */
export function syncQueuedVisits(): Promise<SyncReport> {
  syncing ??= (async () => {
    const report: SyncReport = { sent: 0, refused: [], left: 0 };
    for (const visit of read()) {
      const result = await recordVisit(visit.input);
      if (!result.ok && unanswered(result)) break;
      discardQueued(visit.input.clientId);
      if (result.ok) report.sent += 1;
      else report.refused.push({ visit, message: result.message });
    }
    report.left = read().length;
    return report;
  })().finally(() => {
    syncing = null;
  });
  return syncing;
}

/** Messages between the emulator and a function worker. */
export interface InvocationRequest {
  id: number;
  event: unknown;
  context: Record<string, unknown>;
  /** Variables to set for this invocation; null removes one left by the previous invocation. */
  env: Record<string, string | null>;
}

export type InvocationReply =
  { id: number; ok: true; response: string } | { id: number; ok: false; message: string };

/** A worker's first message: its code loaded (the instance is warm), or why it could not. */
export type InitReport = { init: 'ready' } | { init: 'failed'; message: string };

export type WorkerMessage = InvocationReply | InitReport;

export interface WorkerData {
  entry: string;
}

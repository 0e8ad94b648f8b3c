import type {
  ErrandDoc,
  HealthReportDoc,
  ObservationDoc,
  ReturnDoc,
} from '@gridguard/server/domain';

/**
 * The records of a demo town as the functions would hold them, changed by events in time order.
 * Each change marks its document, so the seed writes a day's changes and nothing else: the daily
 * report of a past evening then reads the records as they stood that evening.
 */
export interface TownRecords {
  observations: Map<string, ObservationDoc>;
  returns: Map<string, ReturnDoc>;
  healthReports: Map<string, HealthReportDoc>;
  errands: Map<string, ErrandDoc>;
}

export type RecordKind = keyof TownRecords;

/** Documents changed since the last batch, each in its latest version (copied, not shared). */
export type RecordBatch = {
  [K in RecordKind]: TownRecords[K] extends Map<string, infer D> ? D[] : never;
};

export interface HistoryEvent {
  at: Date;
  /** Reads and changes the records as the function behind it would at that moment. */
  run(records: TownRecords, touch: (kind: RecordKind, id: string) => void): void;
}

export class Timeline {
  readonly records: TownRecords = {
    observations: new Map(),
    returns: new Map(),
    healthReports: new Map(),
    errands: new Map(),
  };
  private readonly events: HistoryEvent[] = [];
  private readonly changed = new Map<RecordKind, Set<string>>();
  private sorted = false;

  add(event: HistoryEvent): void {
    this.events.push(event);
    this.sorted = false;
  }

  /** Runs every event before `until` not yet run and returns the documents they changed. */
  runUntil(until: Date): RecordBatch {
    if (!this.sorted) {
      // Stable: events of the same instant keep the order they were planned in.
      this.events.sort((a, b) => a.at.getTime() - b.at.getTime());
      this.sorted = true;
    }
    const touch = (kind: RecordKind, id: string) => {
      const ids = this.changed.get(kind) ?? new Set<string>();
      ids.add(id);
      this.changed.set(kind, ids);
    };
    while (this.events.length > 0 && (this.events[0] as HistoryEvent).at < until) {
      (this.events.shift() as HistoryEvent).run(this.records, touch);
    }
    const batch = (kind: RecordKind) =>
      [...(this.changed.get(kind) ?? [])].map((id) =>
        structuredClone(this.records[kind].get(id) as object),
      );
    const out = {
      observations: batch('observations'),
      returns: batch('returns'),
      healthReports: batch('healthReports'),
      errands: batch('errands'),
    } as RecordBatch;
    this.changed.clear();
    return out;
  }
}

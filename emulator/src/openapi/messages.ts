import type { Connection } from '../store/store';

export interface SentMessage {
  seq: number;
  sentAt: string;
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogramState: string | null;
  lang: string | null;
  /** The function that sent it, when a cloud function did. */
  sender: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscribe_credits (openid TEXT NOT NULL, template_id TEXT NOT NULL, credits INTEGER NOT NULL, PRIMARY KEY (openid, template_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, sent_at TEXT NOT NULL, touser TEXT NOT NULL, template_id TEXT NOT NULL, body TEXT NOT NULL);
`;

/**
 * One-time subscription credits (one per acceptance in wx.requestSubscribeMessage) and the outbox
 * of every message sent, both kept in the emulator's database so they survive restarts.
 */
export class SubscribeLedger {
  constructor(private readonly db: Connection) {
    db.exec(SCHEMA);
  }

  grant(openid: string, templateId: string, count = 1): number {
    this.db
      .prepare(
        `INSERT INTO subscribe_credits (openid, template_id, credits) VALUES (?, ?, ?)
         ON CONFLICT(openid, template_id) DO UPDATE SET credits = credits + excluded.credits`,
      )
      .run(openid, templateId, count);
    return this.credits(openid, templateId);
  }

  credits(openid: string, templateId: string): number {
    const row = this.db
      .prepare('SELECT credits FROM subscribe_credits WHERE openid = ? AND template_id = ?')
      .get(openid, templateId) as { credits: number } | undefined;
    return row?.credits ?? 0;
  }

  /** Spends one credit and records the message, atomically; false when no credit is left. */
  send(message: Omit<SentMessage, 'seq'>): boolean {
    return this.db.transaction(() => {
      const spent = this.db
        .prepare(
          'UPDATE subscribe_credits SET credits = credits - 1 WHERE openid = ? AND template_id = ? AND credits > 0',
        )
        .run(message.touser, message.templateId);
      if (spent.changes === 0) return false;
      this.db
        .prepare('INSERT INTO outbox (sent_at, touser, template_id, body) VALUES (?, ?, ?, ?)')
        .run(message.sentAt, message.touser, message.templateId, JSON.stringify(message));
      return true;
    })();
  }

  outbox(filter: { touser?: string; templateId?: string } = {}): SentMessage[] {
    const rows = this.db.prepare('SELECT seq, body FROM outbox ORDER BY seq').all() as {
      seq: number;
      body: string;
    }[];
    return rows
      .map((r) => ({ ...(JSON.parse(r.body) as Omit<SentMessage, 'seq'>), seq: r.seq }))
      .filter(
        (m) =>
          (filter.touser === undefined || m.touser === filter.touser) &&
          (filter.templateId === undefined || m.templateId === filter.templateId),
      );
  }
}

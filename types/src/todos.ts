/**
 * 今日待办 on home for a node's team: what waits on them today, each counted by the database and
 * each one tap from its list.
 */
export interface NodeTodos {
  gridId: string;
  gridName: string;
  /** Under observation and not reported today: the 今日未报 list. */
  notReported: number;
  /** Escalated observations, a fever or symptoms to check: the 异常提醒 list. */
  abnormal: number;
  /** Errands waiting for a volunteer in the caller's nodes: the 代购池; null for who serves none. */
  openErrands: number | null;
  /** Requests to join a household waiting on a leader under the node; null for who may not decide. */
  joinRequests: number | null;
  /** Returns registered or changed today, to review the class of; null for who may not change it. */
  newReturns: number | null;
}

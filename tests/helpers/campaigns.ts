import {
  addDays,
  chinaDay,
  COLLECTIONS,
  type ActionInput,
  type FunctionResult,
  type Outcome,
} from '@gridguard/types';
import type { DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from './actions';
import { storedDocs, storedDoc, storeSnapshot } from './emulator';

/**
 * What the 排查 tests share: a checklist of every kind with answers to it, starting a campaign,
 * recording a visit as a member would, and reading the emulator's store behind the functions.
 */

export type StartInput = ActionInput<'campaigns', 'start'>;
export type VisitInput = ActionInput<'campaigns', 'visit'>;

export const CHECKLIST: StartInput['checklist'] = [
  { label: '是否有外地返乡人员', kind: 'yesNo' },
  { label: '家中人数', kind: 'number', min: 0, max: 30, unit: '人' },
  { label: '是否落实测温消毒', kind: 'choice', options: ['已落实', '未落实'] },
  { label: '其他情况', kind: 'text', required: false },
];
/** Answers to the checklist above, all the required ones filled in. */
export const ANSWERS = [
  { item: 'q1', yes: false },
  { item: 'q2', number: 3 },
  { item: 'q3', choice: '已落实' },
];

export const today = () => chinaDay(Date.now());

export const failure = (result: FunctionResult<unknown>) => {
  if (result.ok) throw new Error('expected a refusal');
  return result;
};

/** Helpers bound to a test file's server (started in its beforeAll, hence the getter). */
export function campaignHelpers(server: () => DemoServer) {
  const callers = new Map<string, ReturnType<typeof actingAs>>();
  const as = (openid: string) => {
    let caller = callers.get(openid);
    if (!caller) {
      caller = actingAs(server().emulator, openid);
      callers.set(openid, caller);
    }
    return caller;
  };
  const store = () => server().emulator.store;
  const docs = (collection: string) => storedDocs(server().emulator, collection);
  const doc = (collection: string, id: string) => storedDoc(server().emulator, collection, id);
  const insert = (collection: string, record: Record<string, unknown>) =>
    store().atomically(() => store().insert(collection, record));
  const audits = (action: string, target?: string) =>
    docs(COLLECTIONS.auditLog).filter(
      (e) => e['action'] === action && (target === undefined || e['target'] === target),
    );
  /** Every collection's contents, to show a refusal wrote nothing. */
  const snapshot = () => JSON.stringify(storeSnapshot(server().emulator));
  let keys = 0;
  const key = () => `k-campaign-${(keys += 1)}`;
  let clients = 0;
  const clientId = () => `v-test-${(clients += 1)}`;

  const startInput = (over: Partial<StartInput> = {}): StartInput => ({
    gridId: 'g-shatou',
    key: key(),
    name: '第一次洗楼',
    kind: 'household',
    startDay: today(),
    endDay: addDays(today(), 13),
    rounds: 2,
    checklist: CHECKLIST,
    ...over,
  });
  const start = async (openid: string, over: Partial<StartInput> = {}) =>
    dataOf(await as(openid)('campaigns', 'start', startInput(over)));
  /** A visit with what its outcome needs: the answers, a reason, a finding. */
  const visit = (
    openid: string,
    campaignId: string,
    targetId: string,
    outcome: Outcome,
    over: Partial<VisitInput> = {},
  ) =>
    as(openid)('campaigns', 'visit', {
      campaignId,
      round: 1,
      targetId,
      clientId: clientId(),
      outcome,
      ...(outcome === 'entered' && { answers: ANSWERS }),
      ...(outcome === 'refused' && { reason: '不愿开门' }),
      ...(outcome === 'finding' && { note: '家中有人咳嗽', finding: { kind: 'other' as const } }),
      ...over,
    });
  const visitDoc = (campaignId: string, round: number, targetId: string) =>
    doc(COLLECTIONS.visits, `${campaignId}:${round}:${targetId}`);
  const assign = (
    openid: string,
    campaignId: string,
    gridId: string,
    to: string | null,
    by: { building?: string; targetIds?: string[] } = {},
  ) => as(openid)('campaigns', 'assign', { campaignId, gridId, openid: to, ...by });

  /** Database calls the emulator has served so far. */
  const databaseCalls = async (): Promise<number> => {
    const reply = await fetch(`${server().url}/_emulator/stats`);
    const { actions } = (await reply.json()) as { actions: Record<string, number> };
    return Object.entries(actions)
      .filter(([name]) => name.startsWith('database.'))
      .reduce((n, [, count]) => n + count, 0);
  };

  return {
    as,
    store,
    docs,
    doc,
    insert,
    audits,
    snapshot,
    key,
    clientId,
    startInput,
    start,
    visit,
    visitDoc,
    assign,
    databaseCalls,
  };
}

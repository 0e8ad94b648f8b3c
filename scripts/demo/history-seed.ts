import { COLLECTIONS, type ClassificationRules } from '@gridguard/types';
import type { Emulator } from '@gridguard/emulator';
import { dailyData } from '@gridguard/server/runtime';
import { computeDailyReport } from '@gridguard/server/services/daily-report';
import type { Deployment } from './builder';
import { demoHistory, type DemoHistory } from './history';
import type { RecordBatch } from './history-timeline';

/** A small grey picture standing in for every receipt and delivery photo of the seeded errands. */
const PROOF_PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGO48+gFVsQwtCQAN6apgfdVpxYAAAAASUVORK5CYII=',
  'base64',
);

/**
 * Seeds the demo town's last two weeks and the daily report (日报) of each past day. Each evening's
 * records are written as they stood, then the real computation (the dailyReport function's own
 * code, through the real SDK against this emulator) counts them with that evening as its `now`:
 * the published figures are the ones the timer would have published, not hand-written ones.
 * Today is left to the timer, whose run supersedes nothing but its own day.
 */
export async function seedHistory(
  emulator: Emulator,
  deployment: Deployment,
  rules: ClassificationRules,
  now = new Date(),
): Promise<DemoHistory> {
  const history = demoHistory(deployment, rules, now, (cloudPath) =>
    emulator.storage.create(cloudPath, PROOF_PHOTO),
  );
  const data = dailyData((await connectSdk(emulator)).database());
  for (const day of history.days) {
    writeBatch(emulator, day.changes);
    await computeDailyReport(data, day.evening);
  }
  writeBatch(emulator, history.sinceYesterday);
  const { store } = emulator;
  store.atomically(() => {
    for (const load of history.loads) upsert(emulator, COLLECTIONS.volunteerLoads, load);
  });
  return history;
}

/**
 * The unmodified wx-server-sdk pointed at this emulator, as the README's script example does. It
 * is loaded only here, so a demo without history never pays for it.
 */
async function connectSdk(emulator: Emulator) {
  Object.assign(process.env, emulator.sdkEnv);
  const { default: cloud } = await import('wx-server-sdk');
  // The typings declare env as a string; DYNAMIC_CURRENT_ENV (a symbol) is the documented value.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud;
}

function writeBatch(emulator: Emulator, batch: RecordBatch): void {
  emulator.store.atomically(() => {
    for (const doc of batch.returns) upsert(emulator, COLLECTIONS.returns, doc);
    for (const doc of batch.observations) upsert(emulator, COLLECTIONS.observations, doc);
    for (const doc of batch.healthReports) upsert(emulator, COLLECTIONS.healthReports, doc);
    for (const doc of batch.errands) upsert(emulator, COLLECTIONS.errands, doc);
  });
}

function upsert(emulator: Emulator, collection: string, doc: { _id: string }): void {
  const { store } = emulator;
  const found = store.getById(store.db, collection, doc._id);
  if (found) store.replace(collection, found.seq, { ...doc });
  else store.insert(collection, { ...doc });
}

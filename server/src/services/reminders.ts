import { chinaDay } from '@gridguard/types';
import type { ObservationDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import { short, type Notify } from './common';

const SWEEP_BATCH = 100;

/**
 * Reminds each of these people (under observation, not reported on `day`) once that day: the
 * subscribe message if they granted a credit, else a call on their member's list. Whoever was
 * already reminded (by the morning timer, or a member's 一键提醒 before) is left alone: their
 * reminder slot (`personId:day`) is taken first, so two runs at once send one message.
 */
export async function remindPeople(
  grids: GridData,
  health: HealthData,
  notify: Notify,
  batch: readonly ObservationDoc[],
  day: string,
  now: Date,
): Promise<{ messages: number; calls: number }> {
  let messages = 0;
  let calls = 0;
  if (batch.length === 0) return { messages, calls };
  const ids = batch.map((o) => `${o.personId}:${day}`);
  const [found, done] = await Promise.all([
    grids.peopleByIds(batch.map((o) => o.personId)),
    health.reminders(ids),
  ]);
  const people = new Map(found.map((p) => [p._id, p]));
  const reminded = new Set(done.map((r) => r._id));
  for (const o of batch) {
    const id = `${o.personId}:${day}`;
    if (reminded.has(id)) continue;
    const slot = {
      _id: id,
      personId: o.personId,
      day,
      gridPath: o.gridPath,
      channel: 'pending' as const,
      at: now,
    };
    if (!(await health.claimReminder(slot))) continue;
    const person = people.get(o.personId);
    const outcome = person?.openid
      ? await notify({
          touser: person.openid,
          template: 'reportReminder',
          page: 'pages/home/index',
          data: {
            thing1: short(`${o.name}，今天还没有健康打卡`, 20),
            date2: day,
            thing3: '请在小程序中填写体温和症状',
          },
        })
      : 'noCredit';
    const channel = outcome === 'sent' ? 'message' : 'call';
    await health.setReminderChannel(id, channel);
    if (channel === 'message') messages += 1;
    else calls += 1;
  }
  return { messages, calls };
}

/**
 * The morning reminder (timer): everyone under observation who has not reported today gets one
 * subscribe message if they granted a credit, else goes on their member's call list. One per
 * person per day, however often the timer runs.
 */
export async function remindNotReported(
  grids: GridData,
  health: HealthData,
  notify: Notify,
  now: Date,
): Promise<{ messages: number; calls: number }> {
  const day = chinaDay(now);
  let after = '';
  let messages = 0;
  let calls = 0;
  for (;;) {
    const batch = await health.notReported(day, after, SWEEP_BATCH);
    if (batch.length === 0) break;
    const sent = await remindPeople(grids, health, notify, batch, day, now);
    messages += sent.messages;
    calls += sent.calls;
    after = batch[batch.length - 1]?._id ?? after;
  }
  return { messages, calls };
}

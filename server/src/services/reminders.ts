import { chinaDay } from '@gridguard/types';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import { short, type Notify } from './common';

const SWEEP_BATCH = 100;

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
    const people = new Map(
      (await grids.peopleByIds(batch.map((o) => o.personId))).map((p) => [p._id, p]),
    );
    for (const o of batch) {
      const id = `${o.personId}:${day}`;
      if (
        !(await health.claimReminder({
          _id: id,
          personId: o.personId,
          day,
          gridPath: o.gridPath,
          channel: 'pending',
          at: now,
        }))
      )
        continue;
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
    after = batch[batch.length - 1]?._id ?? after;
  }
  return { messages, calls };
}

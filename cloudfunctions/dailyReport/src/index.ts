import cloud from 'wx-server-sdk';
import { chinaDay } from '@gridguard/types';
import { computeDailyReport, sendDailyReports } from '@gridguard/server/services/daily-report';
import { dailyData, initCloud, sendSubscribe } from '@gridguard/server/runtime';

initCloud(cloud);
const data = dailyData(cloud.database());

/** Sending stops with this much of the 60 s limit left; the 20:30 trigger sends the rest. */
const SEND_BUDGET_MS = 45_000;

/**
 * dailyReport: at 20:00 China time computes the day's report for every node and sends each leader
 * their node's summary; at 20:30 sends whatever the first run had no time for. Retried runs and
 * the second trigger count nothing twice and message nobody twice.
 */
export async function main(event: { TriggerName?: string }) {
  if (String(cloud.getWXContext().SOURCE ?? '').startsWith('wx_client')) {
    return { ok: false, code: 'FORBIDDEN', message: '该功能只由定时任务运行' };
  }
  const started = Date.now();
  const now = new Date();
  const day = chinaDay(now);
  const run =
    event.TriggerName === 'resend' && (await data.reportDay(day))
      ? null
      : await computeDailyReport(data, now);
  const sending = await sendDailyReports(
    data,
    (m) => sendSubscribe(cloud, m),
    day,
    () => Date.now() - started > SEND_BUDGET_MS,
  );
  return { ok: true, data: { run, ...sending } };
}

import { fetchDocs } from '@gridguard/server/runtime';
import { ManualClock } from '@gridguard/emulator';
import { useEmulator } from '../helpers/emulator';

interface Run {
  event: { Type: string; TriggerName: string; Time: string; Message: string };
  source: string | null;
  openid: string | null;
  triggerSrc: string | null;
}

// 01:59:58 on 2 February 2020 in China: the nightly trigger (0 0 2 * * * *) fires in 2 s.
const clock = new ManualClock(new Date('2020-02-01T17:59:58Z'));
const t = useEmulator({ clock, startTimers: true });

const runs = () => fetchDocs<Run>(t.db.collection('timerRuns').where({}).limit(100));
const advance = async (ms: number) => {
  clock.advance(ms);
  await t.emulator.timers.idle();
};

it('schedules from config.json in UTC+8', () => {
  const [nightly] = t.emulator.timers.nextRuns();
  expect(nightly).toMatchObject({
    functionName: 'flakyTimer',
    triggerName: 'nightly',
    next: '2020-02-01T18:00:00.000Z',
  });
});

it('fires at the scheduled time with the timer event and SOURCE wx_trigger', async () => {
  await advance(1_000);
  expect(await runs()).toHaveLength(0);
  await advance(1_000);
  const [first] = await runs();
  expect(first).toMatchObject({
    event: { Type: 'Timer', TriggerName: 'nightly', Time: '2020-02-01T18:00:00Z', Message: '' },
    source: 'wx_trigger',
    triggerSrc: 'timer',
    openid: null,
  });
});

it('retries a failed run twice, a minute apart, and then stops', async () => {
  // flakyTimer fails its first two runs for each scheduled time.
  await advance(59_000);
  expect(await runs()).toHaveLength(1);
  await advance(1_000);
  expect(await runs()).toHaveLength(2);
  await advance(60_000);
  expect(await runs()).toHaveLength(3);
  await advance(10 * 60_000);
  expect(await runs()).toHaveLength(3);
  const history = t.emulator.timers.history.map((h) => [h.attempt, h.ok]);
  expect(history).toEqual([
    [0, false],
    [1, false],
    [2, true],
  ]);
});

it('fires again the next day, and can be fired by hand through the control endpoint', async () => {
  await advance(24 * 3600_000);
  const times = (await runs()).map((r) => r.event.Time);
  expect(times.filter((t) => t === '2020-02-02T18:00:00Z')).toHaveLength(1);

  const response = await fetch(`${t.emulator.url}/_emulator/timers/fire`, {
    method: 'POST',
    body: JSON.stringify({ functionName: 'flakyTimer', triggerName: 'nightly' }),
  });
  expect(response.status).toBe(200);
  expect((await runs()).length).toBeGreaterThan(times.length);
});

/** @jest-environment jsdom */
import type { FeverClinic, HealthReportView, ObservationView } from '@gridguard/types';
import {
  launchWeapp,
  openPage,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';
import { HOUSEHOLD, RESIDENT } from '../helpers/family-fixtures';

const REPORT = 'pages/report/index';

function report(
  day: string,
  temperature: number,
  symptoms: HealthReportView['symptoms'],
): HealthReportView {
  return {
    personId: 'p-self',
    day,
    temperature,
    symptoms,
    note: '',
    abnormal: temperature >= 37.3 || symptoms.length > 0,
    reportedAt: '2026-11-23T00:30:00.000Z',
  };
}

const OBSERVING: ObservationView = {
  personId: 'p-self',
  name: '王秀英',
  status: 'escalated',
  class: 'key',
  reasons: [],
  overridden: false,
  startDay: '2026-11-21',
  endDay: '2026-12-04',
  dayNumber: 3,
  totalDays: 14,
  lastReportDay: '2026-11-22',
  alert: {
    day: '2026-11-22',
    reason: '体温 37.4℃',
    temperature: 37.4,
    symptoms: [],
    note: '',
  },
  care: { leader: '陈建华', carer: '李志强' },
};

interface Backend {
  yesterday: HealthReportView | null;
  today: HealthReportView | null;
  observation: ObservationView | null;
  /** The 发热门诊 the command centre set. */
  clinics?: FeverClinic[];
}

/** Answers the calls the report page makes, keeping today's report once submitted. */
function backend(state: Backend) {
  return (call: CloudCall) => {
    const data = call.data as { action?: string; temperature?: number; symptoms?: string[] };
    if (call.name === 'whoami') return Promise.resolve({ result: { ok: true, data: RESIDENT } });
    if (call.name === 'households') {
      return Promise.resolve({ result: { ok: true, data: HOUSEHOLD } });
    }
    if (call.name === 'returns') {
      const status = { observation: state.observation, declaration: null };
      return Promise.resolve({ result: { ok: true, data: status } });
    }
    if (call.name === 'reports' && data.action === 'today') {
      return Promise.resolve({
        result: { ok: true, data: { today: state.today, yesterday: state.yesterday } },
      });
    }
    if (call.name === 'reports' && data.action === 'submit') {
      state.today = report(
        '2026-11-23',
        data.temperature ?? 0,
        (data.symptoms ?? []) as HealthReportView['symptoms'],
      );
      return Promise.resolve({ result: { ok: true, data: state.today } });
    }
    if (call.name === 'setup' && data.action === 'clinics') {
      return Promise.resolve({
        result: {
          ok: true,
          data: { clinics: state.clinics ?? [], updatedAt: null, updatedBy: null },
        },
      });
    }
    return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
  };
}

function submits(calls: readonly CloudCall[]): CloudCall[] {
  return calls.filter(
    (call) => call.name === 'reports' && (call.data as { action: string }).action === 'submit',
  );
}

describe('今日健康打卡 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    weapp.answerModal(false);
  });

  it('pre-fills yesterday’s values so an unchanged day is open → 提交', async () => {
    weapp.answerCallFunction(
      backend({ yesterday: report('2026-11-22', 36.6, []), today: null, observation: null }),
    );
    const before = weapp.calls.length;
    const modalsBefore = weapp.modals.length;
    const subscribesBefore = weapp.subscribeRequests.length;
    page = openPage(REPORT);

    const text = await waitForText(page, ['王秀英 今日未打卡', '已按昨日（36.6℃，无症状）填好']);
    // The caller comes first in the person picker, and is the one reported for.
    expect(text.indexOf('王秀英')).toBeLessThan(text.indexOf('冯国强'));

    tapText(page, '提交（一切正常）');
    const done = await waitForText(page, ['王秀英 今日已打卡', '体温 36.6℃ · 无症状']);
    // Today's card gives the time it was sent; the day it says already.
    expect(done).toMatch(/今天 \d{2}:\d{2} 提交/);
    expect(done).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 提交/);

    const sent = submits(weapp.calls.slice(before));
    expect(sent).toEqual([
      {
        name: 'reports',
        data: { action: 'submit', personId: 'p-self', temperature: 36.6, symptoms: [], note: '' },
      },
    ]);
    // Nothing unusual: no warning dialog on the way; consent for tomorrow's reminder asked.
    expect(weapp.modals.length).toBe(modalsBefore);
    expect(weapp.subscribeRequests.slice(subscribesBefore)).toEqual([['TPL_REPORT_REMINDER']]);
  });

  it('warns before a fever or symptoms is submitted, and submits only on 确定', async () => {
    weapp.answerCallFunction(
      backend({
        yesterday: report('2026-11-22', 37.4, ['cough']),
        today: null,
        observation: OBSERVING,
      }),
    );
    const before = weapp.calls.length;
    page = openPage(REPORT);

    await waitForText(page, [
      '居家观察第 3/14 天',
      '重点类',
      '网格长已收到提醒',
      '体温偏高（37.4℃）；有症状：咳嗽，提交后网格长会收到提醒',
    ]);

    tapText(page, '+');
    await waitForText(page, '体温偏高（37.5℃）');
    weapp.answerModal(false);
    tapText(page, '提交');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(weapp.modals.at(-1)).toMatchObject({ title: '体温偏高/有症状' });
    expect(weapp.modals.at(-1)?.content).toContain('提交后网格长会收到提醒');
    expect(submits(weapp.calls.slice(before))).toEqual([]);

    weapp.answerModal(true);
    tapText(page, '提交');
    await waitForText(page, ['王秀英 今日已打卡', '体温 37.5℃ · 咳嗽']);
    expect(submits(weapp.calls.slice(before))).toEqual([
      {
        name: 'reports',
        data: {
          action: 'submit',
          personId: 'p-self',
          temperature: 37.5,
          symptoms: ['cough'],
          note: '',
        },
      },
    ]);
  });

  it('after a fever, says what to do now, with the 发热门诊 and 120 one tap away', async () => {
    weapp.phoneCalls.length = 0;
    weapp.answerCallFunction(
      backend({
        yesterday: null,
        today: report('2026-11-23', 38.2, ['cough']),
        observation: OBSERVING,
        clinics: [{ name: '九江镇卫生院发热门诊', address: '沙头大道1号', phone: '0757-86500120' }],
      }),
    );
    page = openPage(REPORT);
    await waitForText(page, [
      '王秀英 体温偏高或有症状，请这样做',
      '不要乘坐公共交通',
      '九江镇卫生院发热门诊',
      '沙头大道1号',
      '拨打 120 急救电话',
    ]);
    tapText(page, '拨打');
    await until(() => weapp.phoneCalls.length === 1);
    tapText(page, '拨打 120 急救电话');
    await until(() => weapp.phoneCalls.length === 2);
    expect(weapp.phoneCalls).toEqual(['0757-86500120', '120']);
  });

  it('gives no fever guidance after a normal report', async () => {
    weapp.answerCallFunction(
      backend({ yesterday: null, today: report('2026-11-23', 36.5, []), observation: null }),
    );
    page = openPage(REPORT);
    const text = await waitForText(page, '王秀英 今日已打卡');
    expect(text).not.toContain('请这样做');
    expect(text).not.toContain('120');
  });
});

/** Waits for what the page does after a tap (the dialler is async). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !done(); i += 1) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error('timed out');
}

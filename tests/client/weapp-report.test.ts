/** @jest-environment jsdom */
import type { HealthReportView, ObservationView } from '@gridguard/types';
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
    reason: '体温 37.4°C',
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
    await waitForText(page, ['王秀英 今日已打卡', '体温 36.6℃ · 无症状']);

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
});

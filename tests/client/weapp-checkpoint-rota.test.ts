/** @jest-environment jsdom */
import type { Page, ShiftView } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const MY_SHIFTS = 'pages/checkpoints/my-shifts/index';

const pageOf = <T>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 20, total: items.length });

const now = Date.now();
const RUNNING: ShiftView = {
  id: 'cs-east:2026-11-30:1',
  siteId: 'cs-east',
  siteName: '东街村口',
  day: '2026-11-30',
  start: '08:00',
  end: '16:00',
  startAt: new Date(now - 30 * 60_000).toISOString(),
  endAt: new Date(now + 7.5 * 3_600_000).toISOString(),
  need: 2,
  filled: 1,
  uncovered: true,
  crew: [
    {
      openid: 'oDemoVolunteer',
      name: '李志强',
      source: 'self',
      checkedInAt: null,
      checkedOutAt: null,
    },
  ],
  mine: true,
  me: {
    openid: 'oDemoVolunteer',
    name: '李志强',
    source: 'self',
    checkedInAt: null,
    checkedOutAt: null,
  },
  changeUntil: '2026-11-29',
  open: false,
  ended: false,
  checkInOpen: true,
  checkOutOpen: true,
};

function backend(shift: ShiftView) {
  return (call: CloudCall) => {
    const data = call.data as Record<string, unknown>;
    const ok = (value: unknown) => Promise.resolve({ result: { ok: true, data: value } });
    if (call.name === 'checkpoints' && data.action === 'myShifts') return ok(pageOf([shift]));
    if (call.name === 'checkpoints' && data.action === 'checkIn') {
      const at = new Date().toISOString();
      const me = { ...shift.crew[0]!, checkedInAt: at };
      Object.assign(shift, { crew: [me], me });
      return ok(shift);
    }
    return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
  };
}

describe('我的班次 in the built mini-program (subpackage pages/checkpoints)', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('checks in on the running shift, and the shift then shows 已到岗', async () => {
    const shift: ShiftView = JSON.parse(JSON.stringify(RUNNING)) as ShiftView;
    weapp.answerCallFunction(backend(shift));
    const before = weapp.calls.length;
    page = openPage(MY_SHIFTS);
    const text = await waitForText(page, [
      '我的班次',
      '东街村口',
      '2026-11-30 08:00–16:00',
      '1/2 人',
      '未到岗',
      '签到',
      '签退',
    ]);
    expect(text).not.toContain('已到岗');
    tapText(page, '签到');
    await waitForText(page, '已到岗');
    expect(actionCalls(weapp.calls.slice(before), 'checkpoints', 'checkIn')).toEqual([
      { action: 'checkIn', shiftId: RUNNING.id },
    ]);
  });
});

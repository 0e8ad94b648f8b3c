/** @jest-environment jsdom */
import type { LogResult, Page, ResidentHit } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  settle,
  tapText,
  typeInto,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

const DUTY = 'pages/checkpoints/duty/index';
const SITE = 'cs-east';
/** A 通行码 of the shape the server signs (person.time.nonce.signature). */
const PASS = `h-demo-resident-p2.mb3k2x1.${'N'.repeat(16)}.${'S'.repeat(43)}`;

const pageOf = <T>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 20, total: items.length });
const HIT: ResidentHit = {
  personId: 'h-demo-resident-p2',
  householdId: 'h-demo-resident',
  name: '王*明',
  address: '沙头村东街 12 号',
  flags: { observing: false, abnormal: false },
};
const CLINIC = { name: '九江医院发热门诊', address: '九江镇医院路1号', phone: '0757-86500120' };

/** The gate's server: the pass finds 王*明, and a log with a fever is turned back. */
function backend(call: CloudCall) {
  const data = call.data as Record<string, unknown>;
  const ok = (value: unknown) => Promise.resolve({ result: { ok: true, data: value } });
  if (call.name === 'checkpoints' && data['action'] === 'findResident') return ok(pageOf([HIT]));
  if (call.name === 'checkpoints' && data['action'] === 'log') {
    const fever = Number(data['temperature']) >= 37.3;
    const result: LogResult = {
      entryId: `${SITE}:${String(data['clientId'])}`,
      outcome: fever ? 'turnedBack' : 'passed',
      fever,
      replay: false,
      ...(fever && { clinics: [CLINIC] }),
    };
    return ok(result);
  }
  return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
}

describe('值守登记 in the built mini-program (subpackage pages/checkpoints)', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
  });

  it('a scanned pass, a fever: the red 劝返 screen, the 发热门诊 one tap away, then the next person', async () => {
    weapp.answerCallFunction(backend);
    const before = weapp.calls.length;
    page = openPage(DUTY, { siteId: SITE });
    await waitForText(page, ['门牌码、姓名或通行码', '扫通行码', '体温（℃）', '登记']);
    weapp.answerScan(PASS);
    tapText(page, '扫通行码');
    await waitForText(page, '登记：王*明 沙头村东街 12 号');
    // Found by the pass, which is verified and not yet used.
    expect(actionCalls(weapp.calls.slice(before), 'checkpoints', 'findResident')).toEqual([
      { action: 'findResident', siteId: SITE, pass: PASS, page: 1 },
    ]);
    typeInto(page, '体温（℃）', '38.1');
    await settle();
    tapText(page, '登记');
    const text = await waitForText(page, ['劝返', CLINIC.name, CLINIC.address, '登记下一位']);
    expect(text).toContain('已通知网格长');
    const [logged] = actionCalls(weapp.calls.slice(before), 'checkpoints', 'log');
    expect(logged).toMatchObject({
      siteId: SITE,
      kind: 'resident',
      via: 'pass',
      pass: PASS,
      temperature: 38.1,
      direction: 'in',
    });
    tapText(page, `拨打 ${CLINIC.phone}`);
    await settle();
    expect(weapp.phoneCalls.at(-1)).toBe(CLINIC.phone);

    // The next person is a new passage: a new client id, so a retry of it is not the last one.
    tapText(page, '登记下一位');
    await waitForText(page, '扫通行码');
    weapp.answerScan(PASS);
    tapText(page, '扫通行码');
    await waitForText(page, '登记：王*明');
    typeInto(page, '体温（℃）', '36.4');
    await settle();
    tapText(page, '登记');
    await waitForText(page, '已放行');
    const logs = actionCalls(weapp.calls.slice(before), 'checkpoints', 'log').map(
      (call) => (call as { clientId?: string }).clientId,
    );
    expect(logs).toHaveLength(2);
    expect(logs[1]).not.toBe(logs[0]);
  });

  it('no temperature: nothing is logged and the form says so', async () => {
    weapp.answerCallFunction(backend);
    const before = weapp.calls.length;
    page = openPage(DUTY, { siteId: SITE });
    await waitForText(page, '扫通行码');
    weapp.answerScan(PASS);
    tapText(page, '扫通行码');
    await waitForText(page, '登记：王*明');
    tapText(page, '登记');
    await waitForText(page, '请填写体温');
    expect(actionCalls(weapp.calls.slice(before), 'checkpoints', 'log')).toEqual([]);
  });
});

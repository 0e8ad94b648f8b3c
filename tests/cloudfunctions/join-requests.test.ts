import { COLLECTIONS, SUBSCRIBE_TEMPLATES } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { idNumberFor, phoneFor } from '../../scripts/demo/builder';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, tempDir } from '../helpers/emulator';

/**
 * 加入住户 by door code is a request: the code alone shows nothing of the family. 王秀英's
 * household (h-demo-resident, under 陈建华's 沙头社区) admits through her; a household nobody has
 * joined goes to the nearest leader.
 */
const STRANGERS = Array.from({ length: 10 }, (_, i) => ({
  openid: `oStranger${i}`,
  name: `陌生人${i}`,
  roleLabel: '新用户',
}));

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    extraLogins: [...STRANGERS, { openid: 'oGenLeader02', name: '黄伟', roleLabel: '网格长' }],
  });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const docs = (collection: string) => storedDocs(server.emulator, collection);
const household = (id: string) => docs(COLLECTIONS.households).find((h) => h['_id'] === id);
const codeOf = (id: string) => String(household(id)?.['code']);
/** Every collection, whole: a refusal must leave all of it as it was. */
const snapshot = () =>
  JSON.stringify(
    Object.values(COLLECTIONS).map((name) =>
      docs(name).sort((a, b) => String(a['_id']).localeCompare(String(b['_id']))),
    ),
  );
const ask = (openid: string, householdId: string, extra: Record<string, string> = {}) =>
  as(openid)('households', 'join', {
    code: codeOf(householdId),
    name: '张三',
    relation: '子女',
    ...extra,
  });
const requestOf = async (
  openid: string,
  householdId: string,
  extra: Record<string, string> = {},
) => {
  const outcome = dataOf(await ask(openid, householdId, extra));
  if (outcome.status !== 'requested') throw new Error('expected a request');
  return outcome.request;
};

describe('a door code only asks', () => {
  it('the applicant waits, sees nothing of the family, and cannot act for it', async () => {
    const request = await requestOf('oStranger0', 'h-demo-resident');
    expect(request).toMatchObject({
      status: 'pending',
      household: { id: 'h-demo-resident' },
      decidedAt: null,
    });
    expect(dataOf(await as('oStranger0')('households', 'myRequest', {}))).toMatchObject({
      id: request.id,
      status: 'pending',
    });
    expect(dataOf(await as('oStranger0')('households', 'mine', {}))).toBeNull();

    const before = snapshot();
    for (const field of ['idNumber', 'phone'] as const) {
      expect(
        await as('oStranger0')('people', 'reveal', { personId: 'h-demo-resident-p1', field }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(
      await as('oStranger0')('households', 'addPerson', {
        householdId: 'h-demo-resident',
        name: '假家人',
        relation: '其他',
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Approving one's own request is refused, as is a second household while one is pending.
    expect(
      await as('oStranger0')('households', 'approve', { requestId: request.id, confirm: true }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await ask('oStranger0', 'h-g-yannan-b1-h1-1')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(snapshot()).toBe(before);
  });

  it('the full ID number and phone wait in personSecrets only, and go if the request is turned down', async () => {
    const request = await requestOf('oStranger1', 'h-demo-resident');
    const pending = docs(COLLECTIONS.joinRequests).find((r) => r['_id'] === request.id);
    expect(JSON.stringify(pending)).not.toContain('13911112222');
    // The phone given with the first ask stays with the request; asking again changes nothing.
    dataOf(await ask('oStranger1', 'h-demo-resident', { phone: '13911112222' }));
    expect(docs(COLLECTIONS.joinRequests).filter((r) => r['openid'] === 'oStranger1')).toHaveLength(
      1,
    );

    const rejected = dataOf(
      await as('oDemoResident')('households', 'reject', {
        requestId: request.id,
        reason: '不认识',
      }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', reason: '不认识', decidedBy: '王秀英' });
    expect(docs(COLLECTIONS.personSecrets).some((s) => s['_id'] === pending?.['personId'])).toBe(
      false,
    );
    expect(dataOf(await as('oStranger1')('households', 'mine', {}))).toBeNull();
    // Turned down, the applicant may ask again.
    const second = await requestOf('oStranger1', 'h-demo-resident');
    expect(second).toMatchObject({ id: request.id, status: 'pending', reason: '' });
    dataOf(await as('oStranger1')('households', 'withdraw', {}));
    expect(dataOf(await as('oStranger1')('households', 'myRequest', {}))).toMatchObject({
      status: 'withdrawn',
    });
  });
});

describe('guessing door codes', () => {
  it('after 10 wrong codes in a day even the right one waits until tomorrow; others are not held up', async () => {
    const wrong = (i: number) =>
      as('oStranger5')('households', 'join', {
        code: `ZZZZ${'23456789AB'[i]}${'23456789AB'[i]}`,
        name: '张三',
        relation: '本人',
      });
    for (let i = 0; i < 10; i += 1) {
      expect(await wrong(i)).toMatchObject({ ok: false, code: 'HOUSEHOLD_CODE_INVALID' });
    }
    expect(await ask('oStranger5', 'h-demo-resident')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringContaining('输错次数过多'),
    });
    expect(docs(COLLECTIONS.joinRequests).some((r) => r['openid'] === 'oStranger5')).toBe(false);
    expect(await wrong(0)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((await ask('oStranger4', 'h-g-yannan-b1-h1-1')).ok).toBe(true);
  });
});

describe('a door code typed with a character no code holds', () => {
  it('is told why, counted as no guess, and writes nothing; typed in full width it is read', async () => {
    const before = snapshot();
    const reply = await as('oStranger9')('households', 'join', {
      code: 'ABC123',
      name: '张三',
      relation: '本人',
    });
    expect(reply).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      issues: [
        {
          path: 'code',
          message:
            '门牌码里没有「1」：为免看错，门牌码不用 0、1、I、L、O。请对照门口张贴的门牌码重新输入',
        },
      ],
    });
    expect(snapshot()).toBe(before);
    // From a Chinese keyboard, in two groups as it is read out: the same code, nothing guessed.
    const code = codeOf('h-demo-resident');
    const typed = [...code.toLowerCase()]
      .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      .join('');
    const outcome = dataOf(
      await as('oStranger9')('households', 'join', {
        code: `${typed.slice(0, 3)}　${typed.slice(3)}`,
        name: '张三',
        relation: '子女',
      }),
    );
    expect(outcome).toMatchObject({ status: 'requested' });
    dataOf(await as('oStranger9')('households', 'withdraw', {}));
  });
});

describe('who admits', () => {
  it('a member of the household sees the request, is messaged, and admits the applicant once', async () => {
    const template = SUBSCRIBE_TEMPLATES.joinRequest.id;
    server.emulator.ledger.grant('oDemoResident', template);
    const request = await requestOf('oStranger2', 'h-demo-resident');
    const sent = server.emulator.ledger.outbox({ touser: 'oDemoResident', templateId: template });
    expect(sent.at(-1)).toMatchObject({ page: 'pages/household/index' });

    const listed = dataOf(
      await as('oDemoResident')('households', 'requests', { gridId: null, page: 1 }),
    );
    expect(listed.items.map((r) => r.id)).toContain(request.id);
    const people = () => docs(COLLECTIONS.people).filter((p) => p['openid'] === 'oStranger2');

    // The household member and the leader tap 同意 at the same moment: one person, counted once.
    const counted = () =>
      (
        docs(COLLECTIONS.grids).find((g) => g['_id'] === 'g-shatou')?.['counts'] as {
          people: number;
        }
      ).people;
    const before = counted();
    const results = await Promise.all([
      as('oDemoResident')('households', 'approve', { requestId: request.id, confirm: true }),
      as('oDemoLeader')('households', 'approve', { requestId: request.id, confirm: true }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(people()).toHaveLength(1);
    expect(counted()).toBe(before + 1);
    expect(dataOf(await as('oStranger2')('households', 'mine', {}))?.id).toBe('h-demo-resident');
  });

  it('a household nobody has joined asks the nearest leader; a member, a stranger and other leaders are refused and change nothing', async () => {
    const empty = docs(COLLECTIONS.households).find(
      (h) =>
        (h['gridPath'] as string[]).includes('g-shatou') &&
        !docs(COLLECTIONS.people).some((p) => p['householdId'] === h['_id'] && p['openid']),
    );
    if (!empty) throw new Error('the demo has a household without WeChat users');
    // The nearest node above it with a leader is asked (陈建华 leads further up, and may act too).
    const grids = new Map(docs(COLLECTIONS.grids).map((g) => [g['_id'], g]));
    const nearest = [...(empty['gridPath'] as string[])]
      .reverse()
      .map((id) => grids.get(id)?.['leader'] as { openid: string } | null | undefined)
      .find((leader) => leader);
    if (!nearest) throw new Error('the demo household has a leader above it');
    const template = SUBSCRIBE_TEMPLATES.joinRequest.id;
    server.emulator.ledger.grant(nearest.openid, template);
    const request = await requestOf('oStranger3', String(empty['_id']));
    expect(
      server.emulator.ledger.outbox({ touser: nearest.openid, templateId: template }).at(-1),
    ).toMatchObject({ page: expect.stringMatching(/^pages\/join-requests\/index\?gridId=/) });
    const listed = dataOf(
      await as('oDemoLeader')('households', 'requests', { gridId: 'g-shatou', page: 1 }),
    );
    expect(listed.items.map((r) => r.id)).toContain(request.id);

    const before = snapshot();
    for (const openid of ['oDemoVolunteer', 'oStranger4', 'oGenLeader02', 'oDemoResident']) {
      expect(
        await as(openid)('households', 'approve', { requestId: request.id, confirm: true }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(
        await as(openid)('households', 'reject', { requestId: request.id, reason: '' }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      // A request that does not exist is refused alike: no telling which ids exist.
      expect(
        await as(openid)('households', 'approve', {
          requestId: 'jr-000000000000000000000000',
          confirm: true,
        }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(
      await as('oDemoVolunteer')('households', 'requests', { gridId: 'g-shatou', page: 1 }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(snapshot()).toBe(before);

    dataOf(
      await as('oDemoLeader')('households', 'approve', { requestId: request.id, confirm: true }),
    );
    expect(
      await as('oDemoLeader')('households', 'reject', { requestId: request.id, reason: '' }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('someone the household already lists joins as themselves', () => {
  const FENG = 'h-demo-resident-p2';
  const secretOf = (id: string) => docs(COLLECTIONS.personSecrets).find((d) => d['_id'] === id);
  const person = (id: string) => docs(COLLECTIONS.people).find((d) => d['_id'] === id);

  it('a listed record with an ID number is claimed only with that number; a refusal writes nothing', async () => {
    const before = snapshot();
    expect(
      await ask('oStranger6', 'h-demo-resident', { name: '冯国庆', relation: '配偶' }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('身份证号'),
    });
    expect(snapshot()).toBe(before);
  });

  it('rejecting a claim keeps the listed person’s numbers; approving links the record, adds nobody', async () => {
    const stored = secretOf(FENG);
    const rejected = await requestOf('oStranger7', 'h-demo-resident', {
      name: '冯国庆',
      relation: '配偶',
      idNumber: idNumberFor(9002),
      phone: '13912345678',
    });
    expect(rejected.claims).toMatchObject({ name: '冯国庆' });
    dataOf(
      await as('oDemoResident')('households', 'reject', { requestId: rejected.id, reason: '' }),
    );
    expect(secretOf(FENG)).toEqual(stored);
    expect(person(FENG)?.['openid']).toBeNull();

    const people = docs(COLLECTIONS.people).length;
    const counts = docs(COLLECTIONS.grids).find((g) => g['_id'] === 'g-shatou')?.['counts'];
    const request = await requestOf('oStranger8', 'h-demo-resident', {
      name: '冯国庆',
      relation: '配偶',
      idNumber: idNumberFor(9002),
      phone: '13912345678',
    });
    expect(request).toMatchObject({ claims: { name: '冯国庆' } });
    // Twice, as a retry would: the link is made once.
    dataOf(
      await as('oDemoResident')('households', 'approve', { requestId: request.id, confirm: true }),
    );
    dataOf(
      await as('oDemoResident')('households', 'approve', { requestId: request.id, confirm: true }),
    );
    expect(docs(COLLECTIONS.people)).toHaveLength(people);
    expect(docs(COLLECTIONS.grids).find((g) => g['_id'] === 'g-shatou')?.['counts']).toEqual(
      counts,
    );
    expect(person(FENG)).toMatchObject({ openid: 'oStranger8', phoneMasked: '139****5678' });
    expect(secretOf(FENG)).toMatchObject({ idNumber: idNumberFor(9002), phone: '13912345678' });
    expect(
      docs(COLLECTIONS.personSecrets).filter((d) => d['idNumber'] === idNumberFor(9002)),
    ).toHaveLength(1);
    expect(docs(COLLECTIONS.users).find((u) => u['_id'] === 'oStranger8')).toMatchObject({
      householdId: 'h-demo-resident',
      personId: FENG,
    });
    expect(phoneFor(9002)).not.toBe('13912345678');
  });
});

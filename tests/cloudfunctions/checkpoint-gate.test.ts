import {
  chinaDay,
  COLLECTIONS,
  PASS_TTL_MS,
  SUBSCRIBE_TEMPLATES,
  type FunctionResult,
} from '@gridguard/types';
import { signPass } from '@gridguard/server/domain/gate';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { QR_TOKEN, seedCheckedIn, seedSite } from '../helpers/checkpoint-gate';
import { storedDoc, storedDocs, storeSnapshot, tempDir } from '../helpers/emulator';

/**
 * The gate through the real functions: 通行码 (expiry, one use, forgery), residents only of the
 * site's subtree, fevers turned back with the leader alerted and the 一日一报 filed, outsiders'
 * forms confirmed once, the 返乡登记 prompt, annotations that never edit, retries that never
 * duplicate, and scope. Sites are seeded into the store as the rota part stores them.
 */
let server: DemoServer;

const LEADER = 'oDemoLeader';
const MEMBER = 'oDemoVolunteer';
const RESIDENT = 'oDemoResident';
const BRANCH_LEADER = 'oGenBranch01';
const OUTSIDER = 'oGateOutsider';
const OUTSIDER2 = 'oGateOutsider2';
/** Types wrong door codes until the day's tally stops them. */
const GUESSER = 'oGateGuesser';
const SELF = 'h-demo-resident-p1';
const MOTHER = 'h-demo-resident-p3';
const HUSBAND = 'h-demo-resident-p2';
const B1_PATH = ['g-jiujiang', 'g-shatou', 'g-shatou-b1'];
const B2_PATH = ['g-jiujiang', 'g-shatou', 'g-shatou-b2'];
const YANNAN_PATH = ['g-jiujiang', 'g-yannan', 'g-yannan-b1'];
const SITE = 'cs-gate-b1';
const SITE_B2 = 'cs-gate-b2';
const SITE_OUT = 'cs-gate-yannan';
const SITE_CLOSED = 'cs-gate-closed';

const callers = new Map<string, ReturnType<typeof actingAs>>();
const as = (openid: string) => {
  let caller = callers.get(openid);
  if (!caller) {
    caller = actingAs(server.emulator, openid);
    callers.set(openid, caller);
  }
  return caller;
};
const store = () => server.emulator.store;
const docs = (collection: string) => storedDocs(server.emulator, collection);
const doc = (collection: string, id: string) => storedDoc(server.emulator, collection, id);
const snapshot = () => storeSnapshot(server.emulator);
const refusal = (result: FunctionResult<unknown>) => {
  if (result.ok) throw new Error('expected a refusal');
  return result;
};
let clients = 0;
const clientId = () => `gate-${(clients += 1)}`;
const doorCode = (householdId: string) =>
  String(doc(COLLECTIONS.households, householdId)?.['code']);
const passOf = async (personId?: string) =>
  dataOf(await as(RESIDENT)('checkpoints', 'pass', personId ? { personId } : {})).token;
const logPass = (
  pass: string,
  over: Record<string, unknown> = {},
  id = clientId(),
  openid = MEMBER,
) =>
  as(openid)('checkpoints', 'log', {
    siteId: SITE,
    clientId: id,
    kind: 'resident',
    direction: 'out',
    temperature: 36.5,
    via: 'pass',
    pass,
    ...over,
  });
const passKey = () => String(doc(COLLECTIONS.settings, 'passKey')?.['key']);
const submitForm = (openid: string, over: Record<string, unknown> = {}) =>
  as(openid)('checkpoints', 'outsiderSubmit', {
    siteId: SITE,
    token: QR_TOKEN,
    name: '张外来',
    phone: '13912345678',
    fromCode: '440600',
    fromName: '广东省佛山市',
    destCode: doorCode('h-g-shatou-b1-h1-1'),
    purpose: '探亲',
    staying: false,
    ...over,
  });
const entriesOfForm = (formId: string) =>
  docs(COLLECTIONS.checkpointEntries).filter(
    (e) => (e['outsider'] as { formId?: string } | null)?.formId === formId,
  );

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [
      { openid: BRANCH_LEADER, name: '黄德明', roleLabel: '支部书记' },
      { openid: OUTSIDER, name: '外来人员', roleLabel: '新用户' },
      { openid: OUTSIDER2, name: '外来人员二', roleLabel: '新用户' },
      { openid: GUESSER, name: '外来人员三', roleLabel: '新用户' },
    ],
  });
  const site = seedSite(server, { _id: SITE, gridPath: B1_PATH });
  seedSite(server, { _id: SITE_B2, gridPath: B2_PATH, name: '沙头西门' });
  seedSite(server, { _id: SITE_OUT, gridPath: YANNAN_PATH, name: '烟南村口' });
  seedSite(server, { _id: SITE_CLOSED, gridPath: B1_PATH, name: '旧卡口', status: 'closed' });
  seedCheckedIn(server, site, MEMBER);
  store().atomically(() =>
    store().insert(COLLECTIONS.settings, {
      _id: 'feverClinics',
      clinics: [{ name: '九江医院发热门诊', address: '九江镇医院路1号', phone: '0757-86500120' }],
    }),
  );
});
afterAll(() => server.close());

describe('通行码', () => {
  it('a pass lets a resident out once; the same pass again is refused; a retry of the same entry is a replay', async () => {
    const pass = await passOf();
    expect(pass).not.toContain('13800138018');
    const id = clientId();
    const first = dataOf(await logPass(pass, {}, id));
    expect(first).toMatchObject({ outcome: 'passed', fever: false, replay: false });
    const entry = doc(COLLECTIONS.checkpointEntries, first.entryId);
    expect(entry).toMatchObject({
      kind: 'resident',
      direction: 'out',
      day: chinaDay(Date.now()),
      gridPath: B1_PATH,
      people: 1,
      shiftId: expect.stringContaining(SITE),
      resident: { personId: SELF, via: 'pass', name: '王*英' },
    });
    const retry = dataOf(await logPass(pass, {}, id));
    expect(retry).toMatchObject({ entryId: first.entryId, replay: true });
    const before = snapshot();
    const again = refusal(await logPass(pass));
    expect(again).toMatchObject({ code: 'CONFLICT', message: '通行码已使用，请刷新' });
    expect(snapshot()).toEqual(before);
  });

  it('an expired pass is refused clearly and uses nothing', async () => {
    await passOf();
    const old = signPass(passKey(), SELF, Date.now() - PASS_TTL_MS - 1_000);
    const before = snapshot();
    expect(refusal(await logPass(old))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已过期'),
    });
    expect(snapshot()).toEqual(before);
  });

  it('a forged pass, or a real one altered to name someone else, is refused and writes nothing', async () => {
    const real = await passOf();
    const [, issued, nonce, signature] = real.split('.');
    const altered = [HUSBAND, issued, nonce, signature].join('.');
    const foreignKey = signPass(
      'c2VjcmV0LWtleS1ub3QtdGhlLXNlcnZlcnMtb3duLTAwMDA',
      SELF,
      Date.now(),
    );
    const before = snapshot();
    for (const forged of [altered, foreignKey])
      expect(refusal(await logPass(forged)).code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
  });

  it("a resident shows her mother's pass (registered by her), not her husband's", async () => {
    expect(dataOf(await as(RESIDENT)('checkpoints', 'pass', { personId: MOTHER })).personId).toBe(
      MOTHER,
    );
    const husband = await as(RESIDENT)('checkpoints', 'pass', { personId: HUSBAND });
    // The husband has no WeChat in the demo: he may be shown for, unless he has his own.
    const husbandDoc = doc(COLLECTIONS.people, HUSBAND);
    expect(husband.ok).toBe(husbandDoc?.['openid'] === null);
    expect(
      refusal(await as(RESIDENT)('checkpoints', 'pass', { personId: 'h-g-yannan-b1-h1-1-p1' }))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('findResident by pass verifies without using it', async () => {
    const pass = await passOf();
    const found = dataOf(await as(MEMBER)('checkpoints', 'findResident', { siteId: SITE, pass }));
    expect(found.items).toEqual([
      expect.objectContaining({ personId: SELF, name: '王*英', address: '沙头社区新村大街18号' }),
    ]);
    expect(dataOf(await logPass(pass)).outcome).toBe('passed');
  });
});

describe('residents at the gate', () => {
  it('by door code: the household, masked, with flags; by name within the site only', async () => {
    const byCode = dataOf(
      await as(MEMBER)('checkpoints', 'findResident', {
        siteId: SITE,
        code: doorCode('h-demo-resident'),
      }),
    );
    expect(byCode.items.map((h) => h.personId).sort()).toEqual([SELF, HUSBAND, MOTHER].sort());
    expect(byCode.items.every((h) => h.name.includes('*'))).toBe(true);
    const byName = dataOf(
      await as(MEMBER)('checkpoints', 'findResident', { siteId: SITE, name: '王秀英' }),
    );
    expect(byName.items.map((h) => h.personId)).toContain(SELF);
    const elsewhere = dataOf(
      await as(LEADER)('checkpoints', 'findResident', { siteId: SITE_B2, name: '王秀英' }),
    );
    expect(elsewhere.items.map((h) => h.personId)).not.toContain(SELF);
  });

  it("a resident outside the site's subtree is refused and nothing is written", async () => {
    const before = snapshot();
    const result = await as(LEADER)('checkpoints', 'log', {
      siteId: SITE_B2,
      clientId: clientId(),
      kind: 'resident',
      direction: 'in',
      temperature: 36.4,
      via: 'code',
      personId: SELF,
    });
    expect(refusal(result)).toMatchObject({
      code: 'FORBIDDEN',
      message: '该居民不在本卡口管辖范围内',
    });
    expect(snapshot()).toEqual(before);
    // By pass: the leader may log at 沙头西门, 王秀英 does not live under it; the pass stays unused.
    const pass = await passOf();
    const afterPass = snapshot();
    const byPass = await logPass(
      pass,
      { siteId: SITE_B2, direction: 'in', temperature: 36.4 },
      clientId(),
      LEADER,
    );
    expect(refusal(byPass).message).toBe('该居民不在本卡口管辖范围内');
    expect(snapshot()).toEqual(afterPass);
    expect(dataOf(await logPass(pass)).outcome).toBe('passed');
  });

  it('a closed site logs nothing', async () => {
    const before = snapshot();
    const result = await as(MEMBER)('checkpoints', 'log', {
      siteId: SITE_CLOSED,
      clientId: clientId(),
      kind: 'vehicle',
      direction: 'in',
      temperature: 36.4,
      vehicle: { plate: '粤E12345', passengers: 2 },
    });
    expect(refusal(result)).toMatchObject({ code: 'CONFLICT', message: '该卡口已关闭' });
    expect(snapshot()).toEqual(before);
  });
});

describe('a fever at the gate', () => {
  it("turns the resident back, lists the 发热门诊, alerts the site's leader and files the 一日一报", async () => {
    server.emulator.ledger.grant(BRANCH_LEADER, SUBSCRIBE_TEMPLATES.feverAlert.id);
    const sent = () =>
      server.emulator.ledger.outbox({
        touser: BRANCH_LEADER,
        templateId: SUBSCRIBE_TEMPLATES.feverAlert.id,
      });
    const before = sent().length;
    const result = dataOf(
      await as(MEMBER)('checkpoints', 'log', {
        siteId: SITE,
        clientId: clientId(),
        kind: 'resident',
        direction: 'in',
        temperature: 38.2,
        via: 'code',
        personId: HUSBAND,
      }),
    );
    expect(result).toMatchObject({ outcome: 'turnedBack', fever: true });
    expect(result.clinics).toEqual([expect.objectContaining({ name: '九江医院发热门诊' })]);
    expect(sent().length).toBe(before + 1);
    expect(doc(COLLECTIONS.healthReports, `${HUSBAND}:${chinaDay(Date.now())}`)).toMatchObject({
      temperature: 38.2,
      abnormal: true,
    });
    const fevers = dataOf(
      await as(BRANCH_LEADER)('checkpoints', 'fevers', { gridId: 'g-shatou-b1', page: 1 }),
    );
    expect(fevers.items[0]).toMatchObject({
      id: result.entryId,
      outcome: 'turnedBack',
      temperature: 38.2,
    });
    // A member is not on the leader's alert list.
    expect(
      refusal(await as(MEMBER)('checkpoints', 'fevers', { gridId: 'g-shatou-b1', page: 1 })).code,
    ).toBe('FORBIDDEN');
  });

  it('a retry after a stop between the entry and its alert sends the alert and the report, once', async () => {
    server.emulator.ledger.grant(BRANCH_LEADER, SUBSCRIBE_TEMPLATES.feverAlert.id, 5);
    const sent = () =>
      server.emulator.ledger.outbox({
        touser: BRANCH_LEADER,
        templateId: SUBSCRIBE_TEMPLATES.feverAlert.id,
      }).length;
    const id = clientId();
    const fever = () =>
      as(MEMBER)('checkpoints', 'log', {
        siteId: SITE,
        clientId: id,
        kind: 'resident',
        direction: 'out',
        temperature: 38.6,
        via: 'code',
        personId: MOTHER,
      });
    const first = dataOf(await fever());
    expect(doc(COLLECTIONS.checkpointEntries, first.entryId)?.['effectsPending']).toBe(false);
    // As if the function stopped after storing the entry: no alert, no report yet.
    const reportId = `${MOTHER}:${chinaDay(Date.now())}`;
    store().atomically(() => {
      const report = store().getById(store().db, COLLECTIONS.healthReports, reportId);
      if (report) store().remove(report.seq);
      const stored = store().getById(store().db, COLLECTIONS.checkpointEntries, first.entryId);
      if (stored)
        store().replace(COLLECTIONS.checkpointEntries, stored.seq, {
          ...stored.doc,
          effectsPending: true,
        });
    });
    const alerts = sent();
    expect(dataOf(await fever())).toMatchObject({ replay: true, outcome: 'turnedBack' });
    expect(sent()).toBe(alerts + 1);
    expect(doc(COLLECTIONS.healthReports, reportId)).toMatchObject({ temperature: 38.6 });
    expect(doc(COLLECTIONS.checkpointEntries, first.entryId)?.['effectsPending']).toBe(false);
    // Retried again once they are out: nothing more is sent.
    dataOf(await fever());
    expect(sent()).toBe(alerts + 1);
  });

  it('37.2 passes, 37.3 is turned back', async () => {
    const log = (temperature: number) =>
      as(MEMBER)('checkpoints', 'log', {
        siteId: SITE,
        clientId: clientId(),
        kind: 'vehicle',
        direction: 'in',
        temperature,
        vehicle: { plate: '粤E 12345', passengers: 3 },
      });
    expect(dataOf(await log(37.2)).outcome).toBe('passed');
    const turned = dataOf(await log(37.3));
    expect(turned.outcome).toBe('turnedBack');
    expect(doc(COLLECTIONS.checkpointEntries, turned.entryId)).toMatchObject({
      people: 3,
      vehicle: { plate: '粤E12345', passengers: 3 },
    });
  });
});

describe("outsiders' own forms", () => {
  it('the QR opens the site by its token only; a wrong token is refused', async () => {
    expect(
      dataOf(await as(OUTSIDER)('checkpoints', 'outsiderSite', { siteId: SITE, token: QR_TOKEN })),
    ).toMatchObject({ name: '沙头东门', kindLabel: '村口' });
    expect(
      refusal(await as(OUTSIDER)('checkpoints', 'outsiderSite', { siteId: SITE, token: 'guessed' }))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('a form waits masked, resubmitting updates it, a door code reveals only a masked address, and a confirmation logs one entry', async () => {
    const first = dataOf(await submitForm(OUTSIDER));
    expect(first.destAddress).toContain('**');
    const second = dataOf(await submitForm(OUTSIDER, { purpose: '送货上门' }));
    expect(second.formId).toBe(first.formId);
    expect(docs(COLLECTIONS.outsiderForms).filter((f) => f['openid'] === OUTSIDER)).toHaveLength(1);
    const form = doc(COLLECTIONS.outsiderForms, first.formId);
    expect(form).toMatchObject({
      phoneMasked: '139****5678',
      purpose: '送货上门',
      status: 'waiting',
    });
    expect(JSON.stringify(form)).not.toContain('13912345678');
    const waiting = dataOf(
      await as(MEMBER)('checkpoints', 'outsiderWaiting', { siteId: SITE, page: 1 }),
    );
    expect(waiting.items[0]).toMatchObject({
      formId: first.formId,
      number: second.number,
      name: '张*来',
    });
    const logged = dataOf(
      await as(MEMBER)('checkpoints', 'log', {
        siteId: SITE,
        clientId: clientId(),
        kind: 'outsider',
        direction: 'in',
        temperature: 36.6,
        formId: first.formId,
      }),
    );
    expect(logged).toMatchObject({ outcome: 'passed', replay: false });
    expect(logged.returnPrompt).toBeUndefined();
    expect(doc(COLLECTIONS.outsiderForms, first.formId)).toMatchObject({
      status: 'confirmed',
      entryId: logged.entryId,
    });
    const revealed = dataOf(
      await as(MEMBER)('checkpoints', 'revealOutsiderPhone', { entryId: logged.entryId }),
    );
    expect(revealed.phone).toBe('13912345678');
    expect(
      docs(COLLECTIONS.auditLog).filter(
        (a) => a['action'] === 'checkpoint.revealOutsiderPhone' && a['target'] === logged.entryId,
      ),
    ).toHaveLength(1);
  });

  it('a door code not under the site is refused, the form is not changed, and the miss is counted', async () => {
    const tally = () => doc(COLLECTIONS.codeAttempts, `door:${OUTSIDER}:${chinaDay(Date.now())}`);
    const missed = Number(tally()?.['misses'] ?? 0);
    const { [COLLECTIONS.codeAttempts]: _, ...before } = snapshot();
    const result = await submitForm(OUTSIDER, { destCode: doorCode('h-g-yannan-b1-h1-1') });
    expect(refusal(result).code).toBe('HOUSEHOLD_CODE_INVALID');
    const { [COLLECTIONS.codeAttempts]: __, ...after } = snapshot();
    expect(after).toEqual(before);
    expect(tally()?.['misses']).toBe(missed + 1);
  });

  it('after ten wrong door codes in a day the form takes none, not even a right one', async () => {
    for (let i = 0; i < 10; i += 1)
      expect(
        refusal(await submitForm(GUESSER, { destCode: doorCode('h-g-yannan-b1-h1-1') })).code,
      ).toBe('HOUSEHOLD_CODE_INVALID');
    const before = snapshot();
    const refused = refusal(await submitForm(GUESSER));
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('输错次数过多'),
    });
    expect(snapshot()).toEqual(before);
    // Without a door code the outsider still registers, writing where they go by hand.
    const form = dataOf(
      await submitForm(GUESSER, { destCode: undefined, destAddress: '沙头村东街1号' }),
    );
    expect(form.destAddress).toBe('沙头村东街1号');
  });

  it('two staff confirming the same form at once: one entry', async () => {
    const { formId } = dataOf(await submitForm(OUTSIDER2));
    const confirm = (openid: string) =>
      as(openid)('checkpoints', 'log', {
        siteId: SITE,
        clientId: clientId(),
        kind: 'outsider',
        direction: 'in',
        temperature: 36.5,
        formId,
      });
    const results = await Promise.all([confirm(MEMBER), confirm(LEADER)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect(entriesOfForm(formId)).toHaveLength(1);
  });

  it('from a risk area and staying: the destination household is prompted into 返乡登记', async () => {
    const { formId } = dataOf(
      await submitForm(OUTSIDER, { fromCode: '420100', fromName: '湖北省武汉市', staying: true }),
    );
    const waiting = dataOf(
      await as(MEMBER)('checkpoints', 'outsiderWaiting', { siteId: SITE, page: 1 }),
    );
    expect(waiting.items.find((f) => f.formId === formId)?.fromRisk).toBe(true);
    const logged = dataOf(
      await as(MEMBER)('checkpoints', 'log', {
        siteId: SITE,
        clientId: clientId(),
        kind: 'outsider',
        direction: 'in',
        temperature: 36.5,
        formId,
      }),
    );
    expect(logged.returnPrompt).toEqual({
      householdId: 'h-g-shatou-b1-h1-1',
      address: expect.any(String),
    });
  });
});

describe('the log is never edited, and retries never duplicate', () => {
  it('annotate appends; the entry itself stays as it was', async () => {
    const { entryId } = dataOf(
      await as(MEMBER)('checkpoints', 'log', {
        siteId: SITE,
        clientId: clientId(),
        kind: 'vehicle',
        direction: 'out',
        temperature: 36.3,
        vehicle: { plate: '粤E54321', passengers: 1 },
      }),
    );
    const original = doc(COLLECTIONS.checkpointEntries, entryId) ?? {};
    dataOf(
      await as(MEMBER)('checkpoints', 'annotate', { entryId, text: '车牌登记有误，应为粤E54322' }),
    );
    const view = dataOf(await as(LEADER)('checkpoints', 'annotate', { entryId, text: '已核实' }));
    expect(view.annotations.map((a) => a.text)).toEqual(['车牌登记有误，应为粤E54322', '已核实']);
    const after = doc(COLLECTIONS.checkpointEntries, entryId) ?? {};
    const { annotations: _a, ...rest } = after;
    const { annotations: _b, ...was } = original;
    expect(rest).toEqual(was);
  });

  it('the same entry sent twice at once is recorded once', async () => {
    const id = clientId();
    const send = () =>
      as(MEMBER)('checkpoints', 'log', {
        siteId: SITE,
        clientId: id,
        kind: 'vehicle',
        direction: 'in',
        temperature: 36.3,
        vehicle: { plate: '粤E77777', passengers: 4 },
      });
    const results = (await Promise.all([send(), send(), send()])).map(dataOf);
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.filter((r) => !r.replay)).toHaveLength(1);
    expect(
      docs(COLLECTIONS.checkpointEntries).filter((e) => e['_id'] === `${SITE}:${id}`),
    ).toHaveLength(1);
  });

  it('the log lists the site newest first, masked', async () => {
    const page = dataOf(await as(MEMBER)('checkpoints', 'entries', { siteId: SITE, page: 1 }));
    expect(page.total).toBeGreaterThan(3);
    const times = page.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(page)).not.toContain('13912345678');
  });
});

describe('the morning rush path', () => {
  const databaseCalls = async (): Promise<number> => {
    const reply = await fetch(`${server.url}/_emulator/stats`);
    const { actions } = (await reply.json()) as { actions: Record<string, number> };
    return Object.entries(actions)
      .filter(([name]) => name.startsWith('database.'))
      .reduce((n, [, count]) => n + count, 0);
  };
  it('a resident by pass costs a fixed handful of database calls', async () => {
    const pass = await passOf();
    const before = await databaseCalls();
    dataOf(await logPass(pass));
    // The caller (2), the site, the entry and the shift, the person, the household, the pass's
    // use, the entry: the signing key stays in the warm instance.
    expect((await databaseCalls()) - before).toBeLessThanOrEqual(9);
  });
  it('a vehicle costs fewer', async () => {
    const before = await databaseCalls();
    dataOf(
      await as(MEMBER)('checkpoints', 'log', {
        siteId: SITE,
        clientId: clientId(),
        kind: 'vehicle',
        direction: 'in',
        temperature: 36.3,
        vehicle: { plate: '粤E22222', passengers: 2 },
      }),
    );
    expect((await databaseCalls()) - before).toBeLessThanOrEqual(6);
  });
});

describe('scope', () => {
  const calls = (siteId: string) => [
    () => as(MEMBER)('checkpoints', 'entries', { siteId, page: 1 }),
    () => as(MEMBER)('checkpoints', 'outsiderWaiting', { siteId, page: 1 }),
    () => as(MEMBER)('checkpoints', 'findResident', { siteId, name: '王秀英' }),
    () =>
      as(MEMBER)('checkpoints', 'log', {
        siteId,
        clientId: clientId(),
        kind: 'vehicle',
        direction: 'in',
        temperature: 36.3,
        vehicle: { plate: '粤E11111', passengers: 1 },
      }),
  ];
  it.each([SITE_OUT, 'cs-nowhere'])(
    'a member is refused at %s, exists or not, and nothing is written',
    async (siteId) => {
      const before = snapshot();
      for (const call of calls(siteId)) expect(refusal(await call()).code).toBe('FORBIDDEN');
      expect(snapshot()).toEqual(before);
    },
  );

  it('a resident (not staff) cannot log, even with a valid pass; the pass stays unused', async () => {
    const pass = await passOf();
    const before = snapshot();
    const result = await logPass(pass, {}, clientId(), RESIDENT);
    expect(refusal(result).code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
    expect(dataOf(await logPass(pass)).outcome).toBe('passed');
  });
});

import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  CAMPAIGN_EXPORT_SHEETS,
  addDays,
  chinaDay,
  COLLECTIONS,
  type ActionInput,
  type FunctionResult,
  type Outcome,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDocs, storeSnapshot, tempDir } from '../helpers/emulator';
import { gatewayLogin, gatewayUpload } from '../helpers/gateway';
import { solidPng } from '../helpers/images';

/**
 * 排查 of 出租屋 and 企业 through the real functions: campaigns on both registers (assignment,
 * door order, visits, coverage counting them and not households), who is at a rental or an
 * enterprise for a finding, follow-ups, and the 责任书 the landlord or 负责人 signs on the
 * member's phone (a server-named upload, one letter per target per campaign, retries answered,
 * refusals writing nothing). In scope is 沙头社区 (led by 陈建华); 烟南村 is out of it.
 */
let server: DemoServer;

const LEADER = 'oDemoLeader';
const RESIDENT = 'oDemoResident';
/** 罗桂芳 serves the first branch's first group (the leaf the rentals are on). */
const CONTACT1 = 'oGenContact01';
/** 黄伟 leads 烟南村. */
const YANNAN_LEADER = 'oGenLeader02';

const SHATOU = 'g-shatou';
const LEAF = 'g-shatou-b1-h1';
const LEAF_B2 = 'g-shatou-b2-h1';
const LANDLORD = 'h-g-shatou-b1-h1-1-p1';
const TENANT_A = 'h-g-shatou-b1-h1-2-p1';
const TENANT_B = 'h-g-shatou-b1-h1-2-p2';
/** Lives on the same leaf, but neither lets nor rents the rentals below. */
const STRANGER = 'h-g-shatou-b1-h1-3-p1';
const LETTER = '出租屋防疫责任书：房东落实租客登记，发现发热或返乡人员立即报告网格员。';

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [
      { openid: CONTACT1, name: '罗桂芳', roleLabel: '网格员' },
      { openid: YANNAN_LEADER, name: '黄伟', roleLabel: '网格长' },
    ],
  });
});
afterAll(() => server.close());

const as = (openid: string) => actingAs(server.emulator, openid);
const docs = (collection: string) => storedDocs(server.emulator, collection);
const audits = (action: string) => docs(COLLECTIONS.auditLog).filter((e) => e['action'] === action);
/** Every collection's contents, to show a refusal wrote nothing. */
const snapshot = () => JSON.stringify(storeSnapshot(server.emulator));
const failure = (result: FunctionResult<unknown>) => {
  if (result.ok) throw new Error('expected a refusal');
  return result;
};
const today = () => chinaDay(Date.now());
let keys = 0;
const key = () => `k-pledge-${(keys += 1)}`;
let clients = 0;
const clientId = () => `v-pledge-${(clients += 1)}`;

const newRental = async (gridId: string, building: string, door: string) =>
  dataOf(
    await as(LEADER)('targets', 'createRental', {
      gridId,
      key: key(),
      rental: {
        place: { street: '沙头社区南街', building, door },
        rooms: 4,
        landlordId: LANDLORD,
      },
    }),
  ).id;
const newEnterprise = async (gridId: string, name: string, building: string) =>
  dataOf(
    await as(LEADER)('targets', 'createEnterprise', {
      gridId,
      key: key(),
      enterprise: {
        name,
        place: { street: '沙头工业区', building },
        leaderName: '何振华',
        phone: '13912340001',
        workforce: 45,
        status: 'notResumed',
      },
    }),
  ).id;

type StartInput = ActionInput<'campaigns', 'start'>;
const start = async (over: Partial<StartInput>) =>
  dataOf(
    await as(LEADER)('campaigns', 'start', {
      gridId: SHATOU,
      key: key(),
      name: '出租屋排查',
      kind: 'rental',
      startDay: today(),
      endDay: addDays(today(), 6),
      rounds: 2,
      checklist: [{ label: '租客是否登记', kind: 'yesNo' }],
      ...over,
    }),
  );
const visit = (
  openid: string,
  campaignId: string,
  targetId: string,
  outcome: Outcome,
  over: Partial<ActionInput<'campaigns', 'visit'>> = {},
) =>
  as(openid)('campaigns', 'visit', {
    campaignId,
    round: 1,
    targetId,
    clientId: clientId(),
    outcome,
    ...(outcome === 'entered' && { answers: [{ item: 'q1', yes: true }] }),
    ...over,
  });
const coverage = async (campaignId: string, gridId = SHATOU) =>
  dataOf(await as(LEADER)('campaigns', 'coverage', { campaignId, gridId, page: 1 })).node.figures;

/** Rentals on the leaf (two buildings, doors out of typing order) and one on another leaf. */
let rentals: { b2d10: string; b2d9: string; b10d1: string; other: string };
let rentalCampaign: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  rentals = {
    b2d10: await newRental(LEAF, '2栋', '10'),
    b10d1: await newRental(LEAF, '10栋', '1'),
    b2d9: await newRental(LEAF, '2栋', '9'),
    other: await newRental(LEAF_B2, '1栋', '1'),
  };
  const lease = { start: addDays(today(), -30), end: null };
  for (const [rentalId, personId] of [
    [rentals.b2d10, TENANT_A],
    [rentals.b2d9, TENANT_B],
  ] as const) {
    dataOf(await as(LEADER)('targets', 'setTenants', { rentalId, changes: [{ personId, lease }] }));
  }
  rentalCampaign = await start({ letter: LETTER });
});

describe('a campaign on rentals', () => {
  it('counts rentals, not households, per leaf and up the tree', async () => {
    expect(rentalCampaign).toMatchObject({ kind: 'rental', letter: LETTER });
    expect(rentalCampaign.letterHash).toBe(
      createHash('sha256').update(LETTER, 'utf8').digest('hex'),
    );
    expect(await coverage(rentalCampaign.id)).toMatchObject({ targets: 4, signed: 0 });
    expect(await coverage(rentalCampaign.id, LEAF)).toMatchObject({ targets: 3 });
  });

  it('assigns by building and leaf; 我的走访 walks building by building, door by door', async () => {
    const options = dataOf(
      await as(LEADER)('campaigns', 'assignOptions', {
        campaignId: rentalCampaign.id,
        gridId: LEAF,
      }),
    );
    expect(options.buildings).toEqual([
      { name: '2栋', targets: 2 },
      { name: '10栋', targets: 1 },
    ]);
    expect(
      dataOf(
        await as(LEADER)('campaigns', 'assign', {
          campaignId: rentalCampaign.id,
          gridId: LEAF,
          building: '2栋',
          openid: CONTACT1,
        }),
      ),
    ).toEqual({ assigned: 2 });
    dataOf(
      await as(LEADER)('campaigns', 'assign', {
        campaignId: rentalCampaign.id,
        gridId: LEAF,
        targetIds: [rentals.b10d1],
        openid: CONTACT1,
      }),
    );
    const mine = dataOf(
      await as(CONTACT1)('campaigns', 'mine', { campaignId: rentalCampaign.id, page: 1 }),
    );
    expect(mine.items.map((r) => r.id)).toEqual([rentals.b2d9, rentals.b2d10, rentals.b10d1]);
    expect(mine.items.map((r) => [r.kind, r.pledge])).toEqual([
      ['rental', 'unsigned'],
      ['rental', 'unsigned'],
      ['rental', 'unsigned'],
    ]);
    expect(mine.items[0]?.label).toContain('沙头社区南街');
    expect(await coverage(rentalCampaign.id)).toMatchObject({ targets: 4, assigned: 3 });
  });

  it('the landlord and the tenants are the people at the door; a tenant may be declared by proxy', async () => {
    const target = dataOf(
      await as(CONTACT1)('campaigns', 'target', {
        campaignId: rentalCampaign.id,
        targetId: rentals.b2d10,
      }),
    );
    expect(target.people.map((p) => [p.id, p.relation, p.mayProxy])).toEqual([
      [LANDLORD, '房东', true],
      [TENANT_A, '租客', true],
    ]);
    expect(target.signer).toEqual({ name: expect.any(String), role: '房东' });
    expect(target.signer?.name).toBe(target.people[0]?.name);

    const before = snapshot();
    expect(
      failure(
        await visit(CONTACT1, rentalCampaign.id, rentals.b2d10, 'finding', {
          note: '租客未登记',
          finding: { kind: 'returnee', personId: STRANGER },
        }),
      ).message,
    ).toBe('所选人员不是该出租屋的房东或租客，请刷新后重新选择');
    expect(snapshot()).toBe(before);

    const recorded = dataOf(
      await visit(CONTACT1, rentalCampaign.id, rentals.b2d10, 'finding', {
        note: '租客昨天从武汉返回，未登记',
        finding: { kind: 'returnee', personId: TENANT_A },
      }),
    );
    expect(recorded.finding).toMatchObject({ kind: 'returnee', personId: TENANT_A });
    // The client's 代为返乡登记 then declares for the tenant: the member may.
    dataOf(
      await as(CONTACT1)('returns', 'declare', {
        personId: TENANT_A,
        declaration: {
          origin: { province: '湖北省', city: '武汉市', district: '' },
          via: [],
          transport: 'train',
          transportNumber: 'G1002',
          departureDay: addDays(today(), -2),
          arrivalDay: addDays(today(), -1),
          contactWithCases: false,
          symptoms: [],
        },
      }),
    );
    expect(docs(COLLECTIONS.observations).some((o) => o['personId'] === TENANT_A)).toBe(true);
  });

  it('a fever of a tenant is filed as the tenant’s report', async () => {
    dataOf(
      await visit(CONTACT1, rentalCampaign.id, rentals.b2d9, 'finding', {
        note: '房东说租客发热',
        finding: { kind: 'fever', personId: TENANT_B, temperature: 38.4 },
      }),
    );
    const reports = docs(COLLECTIONS.healthReports).filter((r) => r['personId'] === TENANT_B);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ temperature: 38.4 });
  });

  it('a problem at a rental is a follow-up the leader closes with a note', async () => {
    const open = dataOf(
      await as(LEADER)('campaigns', 'findings', {
        campaignId: rentalCampaign.id,
        gridId: SHATOU,
        page: 1,
      }),
    );
    expect(open.items.map((f) => f.targetId).sort()).toEqual([rentals.b2d10, rentals.b2d9].sort());
    const closed = dataOf(
      await as(LEADER)('campaigns', 'closeFinding', {
        campaignId: rentalCampaign.id,
        round: 1,
        targetId: rentals.b2d10,
        note: '已为租客代为返乡登记',
      }),
    );
    expect(closed.followUp).toMatchObject({ status: 'closed', note: '已为租客代为返乡登记' });
    expect(await coverage(rentalCampaign.id)).toMatchObject({ targets: 4, findings: 2 });
  });

  it('a household campaign carries no 责任书', async () => {
    const before = snapshot();
    expect(
      failure(
        await as(LEADER)('campaigns', 'start', {
          gridId: SHATOU,
          key: key(),
          name: '住户洗楼',
          kind: 'household',
          startDay: today(),
          endDay: today(),
          rounds: 1,
          checklist: [],
          letter: LETTER,
        }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', message: '只有出租屋和企业排查可以附责任书' });
    expect(snapshot()).toBe(before);
  });
});

describe('a campaign on enterprises', () => {
  it('counts enterprises; its 负责人 signs; only 其他问题 can be found there', async () => {
    const works = await newEnterprise(LEAF, '沙头五金厂', '3栋');
    const mill = await newEnterprise(LEAF_B2, '沙头纺织厂', '1栋');
    const campaign = await start({ kind: 'enterprise', name: '企业复工排查', letter: LETTER });
    expect(await coverage(campaign.id)).toMatchObject({ targets: 2 });
    expect(await coverage(campaign.id, LEAF_B2)).toMatchObject({ targets: 1 });
    const target = dataOf(
      await as(CONTACT1)('campaigns', 'target', { campaignId: campaign.id, targetId: works }),
    );
    expect(target).toMatchObject({
      kind: 'enterprise',
      label: '沙头五金厂（沙头工业区3栋）',
      people: [],
      signer: { name: '何振华', role: '负责人' },
      pledge: 'unsigned',
    });

    const before = snapshot();
    for (const [finding, message] of [
      [
        { kind: 'fever', personId: LANDLORD, temperature: 38.5 },
        '企业没有登记的居民，「发热或症状」请选择「其他问题」并在说明中写明',
      ],
      [{ kind: 'returnee' }, '企业没有登记的居民，「返乡未登记」请选择「其他问题」并在说明中写明'],
      [{ kind: 'other', personId: LANDLORD }, '企业没有登记的居民，请不要选择人员'],
    ] as const) {
      expect(
        failure(
          await visit(CONTACT1, campaign.id, works, 'finding', { note: '车间未消毒', finding }),
        ),
      ).toMatchObject({ code: 'INVALID_INPUT', message });
    }
    expect(snapshot()).toBe(before);

    dataOf(
      await visit(CONTACT1, campaign.id, works, 'finding', {
        note: '车间未落实消毒',
        finding: { kind: 'other' },
      }),
    );
    dataOf(await visit(LEADER, campaign.id, mill, 'entered'));
    expect(await coverage(campaign.id)).toMatchObject({ targets: 2, findings: 1, entered: 1 });
    const findings = dataOf(
      await as(LEADER)('campaigns', 'findings', { campaignId: campaign.id, gridId: LEAF, page: 1 }),
    );
    expect(findings.items.map((f) => [f.targetId, f.followUp.status])).toEqual([[works, 'open']]);
  });
});

/** Asks where to upload, uploads a signature there as `openid`, and answers its file id. */
const upload = async (openid: string, campaignId: string, targetId: string) => {
  const { cloudPath } = dataOf(
    await as(openid)('campaigns', 'signatureTarget', { campaignId, targetId }),
  );
  const reply = await gatewayUpload(
    server.emulator,
    await gatewayLogin(server.emulator, openid),
    cloudPath,
    solidPng(40, 20, [0, 0, 0]),
  );
  if (!reply.body.fileID) throw new Error(`upload failed: ${reply.body.errMsg}`);
  return { cloudPath, fileId: reply.body.fileID };
};
const sign = (
  openid: string,
  targetId: string,
  fileId: string,
  over: Partial<ActionInput<'campaigns', 'sign'>> = {},
) =>
  as(openid)('campaigns', 'sign', {
    campaignId: rentalCampaign.id,
    targetId,
    signerName: '张房东',
    letterHash: rentalCampaign.letterHash ?? '',
    fileId,
    ...over,
  });

describe('责任书', () => {
  it('the upload path is the server’s: the signer’s own folder, this letter, a fresh name', async () => {
    const first = await upload(CONTACT1, rentalCampaign.id, rentals.b2d9);
    const second = await upload(CONTACT1, rentalCampaign.id, rentals.b2d9);
    expect(first.cloudPath).toMatch(
      new RegExp(`^photos/${CONTACT1}/pledge-[0-9a-f]{20}-[a-z0-9]{12}\\.png$`),
    );
    expect(second.cloudPath).not.toBe(first.cloudPath);
    // Another letter gets another stem, so a file cannot be passed off for it.
    const elsewhere = await upload(CONTACT1, rentalCampaign.id, rentals.b10d1);
    expect(elsewhere.cloudPath.split('-')[1]).not.toBe(first.cloudPath.split('-')[1]);
  });

  it('signs once: a retry answers with the letter, a second signing is refused, both write nothing more', async () => {
    const { fileId } = await upload(CONTACT1, rentalCampaign.id, rentals.b2d9);
    const signed = dataOf(await sign(CONTACT1, rentals.b2d9, fileId));
    expect(signed).toMatchObject({
      campaignId: rentalCampaign.id,
      targetId: rentals.b2d9,
      letter: LETTER,
      letterHash: rentalCampaign.letterHash,
      signed: {
        signerName: '张房东',
        signerRole: '房东',
        witness: '罗桂芳',
        fileId,
        letterHash: rentalCampaign.letterHash,
      },
    });
    const stored = docs(COLLECTIONS.pledges);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ _id: `${rentalCampaign.id}:${rentals.b2d9}`, fileId });
    expect(audits('campaign.sign')).toHaveLength(1);

    const before = snapshot();
    expect(dataOf(await sign(CONTACT1, rentals.b2d9, fileId))).toEqual(signed);
    const again = await upload(LEADER, rentalCampaign.id, rentals.b10d1);
    expect(failure(await sign(LEADER, rentals.b2d9, again.fileId))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      failure(
        await as(CONTACT1)('campaigns', 'signatureTarget', {
          campaignId: rentalCampaign.id,
          targetId: rentals.b2d9,
        }),
      ).message,
    ).toMatch(/^该责任书已由张房东于 .+ 签署$/);
    expect(snapshot()).toBe(before);
  });

  it('the campaign’s export reads 已签 for the signed letter and 未签 for the others', async () => {
    const link = dataOf(
      await as(LEADER)('campaigns', 'export', { campaignId: rentalCampaign.id, gridId: SHATOU }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await (await fetch(link.url)).arrayBuffer()) as ArrayBuffer);
    const states: string[] = [];
    book.getWorksheet(CAMPAIGN_EXPORT_SHEETS.targets)?.eachRow((row) => {
      const cells = (row.values as ExcelJS.CellValue[]).map((c) => String(c ?? ''));
      const state = cells.find((c) => c === '已签' || c === '未签');
      if (state) states.push(state);
    });
    expect(states.filter((s) => s === '已签')).toHaveLength(1);
    expect(states.filter((s) => s === '未签').length).toBeGreaterThan(0);
  });

  it('two phones signing the same letter at once: one letter, the other told who signed', async () => {
    const [a, b] = await Promise.all([
      upload(CONTACT1, rentalCampaign.id, rentals.b10d1),
      upload(LEADER, rentalCampaign.id, rentals.b10d1),
    ]);
    const results = await Promise.all([
      sign(CONTACT1, rentals.b10d1, a.fileId, { signerName: '甲' }),
      sign(LEADER, rentals.b10d1, b.fileId, { signerName: '乙' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['CONFLICT']);
    expect(docs(COLLECTIONS.pledges).filter((p) => p['targetId'] === rentals.b10d1)).toHaveLength(
      1,
    );
  });

  it('refuses a wrong text version, another’s or another letter’s file, and anyone out of scope, writing nothing', async () => {
    const own = await upload(CONTACT1, rentalCampaign.id, rentals.b2d10);
    const leaders = await upload(LEADER, rentalCampaign.id, rentals.b2d10);
    const second = await start({ name: '出租屋复查', letter: LETTER });
    const otherLetter = await upload(CONTACT1, second.id, rentals.b2d10);
    const before = snapshot();
    expect(
      failure(await sign(CONTACT1, rentals.b2d10, own.fileId, { letterHash: 'a'.repeat(64) })),
    ).toMatchObject({
      code: 'CONFLICT',
      message: '责任书内容与签署时显示的不一致，请刷新后重新签署',
    });
    for (const fileId of [leaders.fileId, otherLetter.fileId, 'cloud://local.test/photos/x.png']) {
      expect(failure(await sign(CONTACT1, rentals.b2d10, fileId))).toMatchObject({
        code: 'INVALID_INPUT',
        message: '请使用刚才为该责任书上传的签名',
      });
    }
    for (const openid of [YANNAN_LEADER, RESIDENT]) {
      expect(failure(await sign(openid, rentals.b2d10, own.fileId)).code).toBe('FORBIDDEN');
      expect(
        failure(
          await as(openid)('campaigns', 'signatureTarget', {
            campaignId: rentalCampaign.id,
            targetId: rentals.b2d10,
          }),
        ).code,
      ).toBe('FORBIDDEN');
      expect(
        failure(
          await as(openid)('campaigns', 'pledge', {
            campaignId: rentalCampaign.id,
            targetId: rentals.b2d10,
          }),
        ).code,
      ).toBe('FORBIDDEN');
    }
    expect(snapshot()).toBe(before);
  });

  it('the letter is read by staff in scope; doors and coverage show what is signed', async () => {
    const unsigned = dataOf(
      await as(LEADER)('campaigns', 'pledge', {
        campaignId: rentalCampaign.id,
        targetId: rentals.other,
      }),
    );
    expect(unsigned).toMatchObject({ letter: LETTER, signed: null });
    const read = dataOf(
      await as(LEADER)('campaigns', 'pledge', {
        campaignId: rentalCampaign.id,
        targetId: rentals.b2d9,
      }),
    );
    expect(read.signed).toMatchObject({ signerName: '张房东', signerRole: '房东' });
    const doors = dataOf(
      await as(CONTACT1)('campaigns', 'doors', {
        campaignId: rentalCampaign.id,
        gridId: LEAF,
        page: 1,
      }),
    );
    expect(Object.fromEntries(doors.items.map((d) => [d.id, d.pledge]))).toEqual({
      [rentals.b2d9]: 'signed',
      [rentals.b2d10]: 'unsigned',
      [rentals.b10d1]: 'signed',
    });
    expect(await coverage(rentalCampaign.id)).toMatchObject({ signed: 2 });
    expect(await coverage(rentalCampaign.id, LEAF_B2)).toMatchObject({ signed: 0 });
  });

  it('a campaign without a 责任书 has nothing to sign', async () => {
    const plain = await start({ name: '出租屋三查' });
    const before = snapshot();
    expect(
      failure(
        await as(CONTACT1)('campaigns', 'signatureTarget', {
          campaignId: plain.id,
          targetId: rentals.b2d9,
        }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', message: '本次排查没有责任书' });
    expect(snapshot()).toBe(before);
    const doors = dataOf(
      await as(CONTACT1)('campaigns', 'doors', { campaignId: plain.id, gridId: LEAF, page: 1 }),
    );
    expect(doors.items.every((d) => d.pledge === null)).toBe(true);
  });
});

describe('moving a node', () => {
  it('carries its signed letters: they count where the node now is', async () => {
    const { fileId } = await upload(LEADER, rentalCampaign.id, rentals.other);
    dataOf(await sign(LEADER, rentals.other, fileId, { signerName: '李房东' }));
    const signed = async (gridId: string) => (await coverage(rentalCampaign.id, gridId)).signed;
    const [b1, b2] = [await signed('g-shatou-b1'), await signed('g-shatou-b2')];
    expect(b2).toBe(1);
    dataOf(await as(LEADER)('grids', 'move', { gridId: LEAF_B2, newParentId: 'g-shatou-b1' }));
    expect(await signed('g-shatou-b1')).toBe(b1 + 1);
    expect(await signed('g-shatou-b2')).toBe(0);
  });
});

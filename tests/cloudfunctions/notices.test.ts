import {
  COLLECTIONS,
  SUBSCRIBE_TEMPLATES,
  type ActionInput,
  type FunctionResult,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { actingAs, dataOf } from '../helpers/actions';
import { storedDoc, storedDocs, storeSnapshot, tempDir } from '../helpers/emulator';
import { gatewayLogin, gatewayUpload } from '../helpers/gateway';

/**
 * 通知公告 through the real functions: who may publish where, who reads what (a resident their
 * household's nodes and above, staff their nodes and above, each audience its own), receipts
 * counted once however many opens race, withdrawal, and reach by household rolled up the tree
 * against a count of the stored records. 陈建华 leads 沙头社区; 王秀英 lives on its first
 * branch's third group; 李志强 serves the first branch; 黄伟 leads 烟南村.
 */
let server: DemoServer;

const COMMAND = 'oDemoCommand';
const LEADER = 'oDemoLeader';
const MEMBER = 'oDemoVolunteer';
const RESIDENT = 'oDemoResident';
/** 罗桂芳 serves the first branch's first group. */
const CONTACT1 = 'oGenContact01';
const YANNAN_LEADER = 'oGenLeader02';

const TOWN = 'g-jiujiang';
const SHATOU = 'g-shatou';
const B1 = 'g-shatou-b1';
const B2 = 'g-shatou-b2';
const B1H1 = 'g-shatou-b1-h1';
const B1H3 = 'g-shatou-b1-h3';
const YANNAN = 'g-yannan';
const OWN_HOUSEHOLD = 'h-demo-resident';
const B1H1_HOUSEHOLD = 'h-g-shatou-b1-h1-1';
const YANNAN_HOUSEHOLD = 'h-g-yannan-b1-h1-1';

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
const snapshot = () => JSON.stringify(storeSnapshot(server.emulator));
const failure = (result: FunctionResult<unknown>) => {
  if (result.ok) throw new Error('expected a refusal');
  return result;
};

type Content = ActionInput<'notices', 'createDraft'>['content'];
const content = (over: Partial<Content> = {}): Content => ({
  title: '关于做好春节返乡人员登记的通知',
  body: '各位村民：返乡人员请于到达当天在小程序完成返乡登记。',
  images: [],
  attachments: [],
  audio: [],
  audience: 'all',
  pinned: false,
  expiresDay: null,
  ...over,
});
let keys = 0;
const key = () => `k-notice-${(keys += 1)}`;

/** A notice published by `openid` on `gridId`. */
async function published(openid: string, gridId: string, over: Partial<Content> = {}) {
  const draft = dataOf(
    await as(openid)('notices', 'createDraft', { gridId, key: key(), content: content(over) }),
  );
  return dataOf(await as(openid)('notices', 'publish', { noticeId: draft.id, confirm: true }));
}

const feedIds = async (openid: string) =>
  dataOf(await as(openid)('notices', 'feed', { page: 1 })).items.map((n) => n.id);

/** MP3 bytes as a recorder writes them: an ID3 tag first. */
const mp3 = () => Buffer.concat([Buffer.from('ID3'), Buffer.alloc(1024, 7)]);

describe('publishing', () => {
  it('a leader publishes to their subtree only; the command centre to the whole town', async () => {
    const before = snapshot();
    for (const gridId of [TOWN, YANNAN]) {
      const refused = failure(
        await as(LEADER)('notices', 'createDraft', { gridId, key: key(), content: content() }),
      );
      expect(refused.code).toBe('FORBIDDEN');
    }
    // A member writes no notices, even on their own node.
    expect(
      failure(
        await as(MEMBER)('notices', 'createDraft', { gridId: B1, key: key(), content: content() }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(snapshot()).toBe(before);

    const town = await published(COMMAND, TOWN);
    expect(town).toMatchObject({ status: 'published', gridId: TOWN });
    const village = await published(LEADER, SHATOU);
    expect(village.gridName).toBe('沙头社区');
    expect(docs(COLLECTIONS.auditLog).filter((e) => e['action'] === 'notice.publish')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: town.id }),
        expect.objectContaining({ target: village.id }),
      ]),
    );
  });

  it('a draft is found again by its key, edited at the version read, and frozen once published', async () => {
    const k = key();
    const first = dataOf(
      await as(LEADER)('notices', 'createDraft', { gridId: SHATOU, key: k, content: content() }),
    );
    const again = dataOf(
      await as(LEADER)('notices', 'createDraft', { gridId: SHATOU, key: k, content: content() }),
    );
    expect(again.id).toBe(first.id);
    expect(docs(COLLECTIONS.notices).filter((n) => n['_id'] === first.id)).toHaveLength(1);
    // A draft is not shown to residents.
    expect(await feedIds(RESIDENT)).not.toContain(first.id);

    const edited = dataOf(
      await as(LEADER)('notices', 'saveDraft', {
        noticeId: first.id,
        rev: 0,
        content: content({ title: '关于做好返乡人员登记的补充通知' }),
      }),
    );
    expect(edited).toMatchObject({ title: '关于做好返乡人员登记的补充通知', rev: 1 });
    // An edit over an older version is refused and changes nothing.
    const before = snapshot();
    expect(
      failure(
        await as(LEADER)('notices', 'saveDraft', {
          noticeId: first.id,
          rev: 0,
          content: content(),
        }),
      ).code,
    ).toBe('CONFLICT');
    expect(snapshot()).toBe(before);

    await as(LEADER)('notices', 'publish', { noticeId: first.id, confirm: true });
    // Publishing twice is a retry, not a second publication.
    dataOf(await as(LEADER)('notices', 'publish', { noticeId: first.id, confirm: true }));
    expect(
      docs(COLLECTIONS.auditLog).filter(
        (e) => e['action'] === 'notice.publish' && e['target'] === first.id,
      ),
    ).toHaveLength(1);
    expect(
      failure(
        await as(LEADER)('notices', 'saveDraft', {
          noticeId: first.id,
          rev: 2,
          content: content(),
        }),
      ).code,
    ).toBe('CONFLICT');
  });

  it('a recording is uploaded where the server says and nobody else’s file is accepted', async () => {
    const draft = dataOf(
      await as(COMMAND)('notices', 'createDraft', { gridId: TOWN, key: key(), content: content() }),
    );
    const { cloudPath } = dataOf(
      await as(COMMAND)('notices', 'uploadTarget', {
        noticeId: draft.id,
        kind: 'audio',
        extension: 'mp3',
      }),
    );
    expect(cloudPath.startsWith(`notices/${COMMAND}/`)).toBe(true);
    const token = await gatewayLogin(server.emulator, COMMAND);
    const upload = await gatewayUpload(server.emulator, token, cloudPath, mp3(), 'audio/mpeg');
    expect(upload.status).toBe(200);
    const fileId = upload.body.fileID ?? '';
    // Bytes that are not what the name says are refused by the storage.
    const { cloudPath: fake } = dataOf(
      await as(COMMAND)('notices', 'uploadTarget', {
        noticeId: draft.id,
        kind: 'audio',
        extension: 'mp3',
      }),
    );
    expect(
      (await gatewayUpload(server.emulator, token, fake, Buffer.from('not audio'))).status,
    ).toBe(415);

    // A file of another notice, or another uploader's, is refused before anything is written.
    const before = snapshot();
    const stranger = `cloud://local.test/notices/${LEADER}/0000000000000000-audio-abc.mp3`;
    for (const file of [stranger, fileId.replace('-audio-', '-image-')]) {
      const refused = failure(
        await as(COMMAND)('notices', 'saveDraft', {
          noticeId: draft.id,
          rev: 0,
          content: content({ audio: [{ fileId: file, label: '九江话', seconds: 40 }] }),
        }),
      );
      expect(refused.code).toBe('INVALID_INPUT');
    }
    expect(snapshot()).toBe(before);

    const saved = dataOf(
      await as(COMMAND)('notices', 'saveDraft', {
        noticeId: draft.id,
        rev: 0,
        content: content({
          audio: [{ fileId, label: '九江话', seconds: 40 }],
        }),
      }),
    );
    expect(saved.audio).toEqual([{ fileId, label: '九江话', seconds: 40 }]);
    const out = dataOf(
      await as(COMMAND)('notices', 'publish', { noticeId: draft.id, confirm: true }),
    );
    expect(out.audioLabels).toEqual(['九江话']);
  });
});

describe('reading', () => {
  it('a resident sees the notices of their household’s nodes and above, for residents, pinned first', async () => {
    const town = await published(COMMAND, TOWN);
    const branch = await published(LEADER, B1);
    const sibling = await published(LEADER, B2);
    const staffOnly = await published(LEADER, SHATOU, { audience: 'staff' });
    const pinned = await published(LEADER, SHATOU, { pinned: true, audience: 'residents' });
    const yannan = await published(YANNAN_LEADER, YANNAN);

    const resident = await feedIds(RESIDENT);
    expect(resident).toEqual(expect.arrayContaining([town.id, branch.id, pinned.id]));
    for (const id of [sibling.id, staffOnly.id, yannan.id]) expect(resident).not.toContain(id);
    expect(resident[0]).toBe(pinned.id);

    // 李志强 serves the first branch: staff notices of 沙头社区, not those for residents only.
    const member = await feedIds(MEMBER);
    expect(member).toEqual(expect.arrayContaining([town.id, branch.id, staffOnly.id]));
    for (const id of [pinned.id, sibling.id, yannan.id]) expect(member).not.toContain(id);

    // Out of the audience is refused like a notice that does not exist, and writes nothing.
    const before = snapshot();
    for (const id of [sibling.id, yannan.id, 'n-nowhere']) {
      expect(failure(await as(RESIDENT)('notices', 'open', { noticeId: id })).code).toBe(
        'FORBIDDEN',
      );
    }
    expect(snapshot()).toBe(before);
  });

  it('concurrent opens leave one receipt and reach the household once; the unread mark follows', async () => {
    const notice = await published(LEADER, SHATOU);
    const unread = dataOf(await as(RESIDENT)('notices', 'unread', {})).count;
    expect(unread).toBeGreaterThan(0);
    const opens = await Promise.all(
      Array.from({ length: 6 }, () => as(RESIDENT)('notices', 'open', { noticeId: notice.id })),
    );
    for (const o of opens) expect(dataOf(o)).toMatchObject({ id: notice.id, read: true });
    expect(
      docs(COLLECTIONS.noticeReceipts).filter((r) => r['noticeId'] === notice.id),
    ).toHaveLength(1);
    const reach = docs(COLLECTIONS.noticeReach).filter((r) => r['noticeId'] === notice.id);
    expect(reach).toEqual([
      expect.objectContaining({ householdId: OWN_HOUSEHOLD, way: 'read', gridId: B1H3 }),
    ]);
    expect(dataOf(await as(RESIDENT)('notices', 'unread', {})).count).toBe(unread - 1);
    const row = dataOf(await as(RESIDENT)('notices', 'feed', { page: 1 })).items.find(
      (n) => n.id === notice.id,
    );
    expect(row?.read).toBe(true);
  });

  it('a withdrawn notice leaves residents’ lists and stays in the audit', async () => {
    const notice = await published(LEADER, SHATOU);
    expect(await feedIds(RESIDENT)).toContain(notice.id);
    // Only a leader over it withdraws it.
    const before = snapshot();
    expect(
      failure(
        await as(MEMBER)('notices', 'withdraw', {
          noticeId: notice.id,
          confirm: true,
          reason: '有误',
        }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(snapshot()).toBe(before);
    const withdrawn = dataOf(
      await as(LEADER)('notices', 'withdraw', {
        noticeId: notice.id,
        confirm: true,
        reason: '内容有误',
      }),
    );
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawn: { reason: '内容有误' } });
    expect(await feedIds(RESIDENT)).not.toContain(notice.id);
    expect(failure(await as(RESIDENT)('notices', 'open', { noticeId: notice.id })).code).toBe(
      'FORBIDDEN',
    );
    const managed = dataOf(await as(LEADER)('notices', 'managed', { gridId: SHATOU, page: 1 }));
    expect(managed.items.find((n) => n.id === notice.id)?.status).toBe('withdrawn');
    expect(
      docs(COLLECTIONS.auditLog).filter(
        (e) => e['action'] === 'notice.withdraw' && e['target'] === notice.id,
      ),
    ).toHaveLength(1);
  });
});

describe('reach', () => {
  it('households reached by reading or by staff add up the tree, as the records count them', async () => {
    const notice = await published(COMMAND, TOWN);
    dataOf(await as(RESIDENT)('notices', 'open', { noticeId: notice.id }));
    const told = dataOf(
      await as(CONTACT1)('notices', 'markReached', {
        noticeId: notice.id,
        householdId: B1H1_HOUSEHOLD,
        way: 'call',
      }),
    );
    expect(told).toEqual({ householdId: B1H1_HOUSEHOLD, way: 'call', already: false });
    // Two members marking at once, and the reader's household again: one record each.
    const race = await Promise.all([
      as(MEMBER)('notices', 'markReached', {
        noticeId: notice.id,
        householdId: B1H1_HOUSEHOLD,
        way: 'visit',
      }),
      as(LEADER)('notices', 'markReached', {
        noticeId: notice.id,
        householdId: B1H1_HOUSEHOLD,
        way: 'visit',
      }),
      as(MEMBER)('notices', 'markReached', {
        noticeId: notice.id,
        householdId: OWN_HOUSEHOLD,
        way: 'visit',
      }),
    ]);
    for (const r of race) expect(dataOf(r).already).toBe(true);
    const stored = docs(COLLECTIONS.noticeReach).filter((r) => r['noticeId'] === notice.id);
    expect(stored.map((r) => [r['householdId'], r['way']]).sort()).toEqual(
      [
        [OWN_HOUSEHOLD, 'read'],
        [B1H1_HOUSEHOLD, 'call'],
      ].sort(),
    );

    const households = (gridId: string) =>
      (storedDoc(server.emulator, COLLECTIONS.grids, gridId)?.['counts'] as { households: number })
        .households;
    const reachedUnder = (gridId: string) =>
      stored.filter((r) => (r['gridPath'] as string[]).includes(gridId)).length;

    const town = dataOf(
      await as(COMMAND)('notices', 'reach', { noticeId: notice.id, gridId: TOWN, page: 1 }),
    );
    expect(town.node).toMatchObject({ reached: 2, read: 1, told: 1, households: households(TOWN) });
    for (const child of town.children.items) {
      expect(child).toMatchObject({
        reached: reachedUnder(child.gridId),
        households: households(child.gridId),
      });
    }
    const b1 = dataOf(
      await as(MEMBER)('notices', 'reach', { noticeId: notice.id, gridId: B1, page: 1 }),
    );
    expect(b1.node.reached).toBe(2);
    expect(Object.fromEntries(b1.children.items.map((c) => [c.gridId, c.reached]))).toMatchObject({
      [B1H1]: 1,
      [B1H3]: 1,
    });
    // 通知管理 shows each row's reach on the node asked about, as reach counts it there.
    const rowOn = async (openid: string, gridId: string) =>
      dataOf(await as(openid)('notices', 'managed', { gridId, page: 1 })).items.find(
        (n) => n.id === notice.id,
      )?.reach;
    expect(await rowOn(COMMAND, TOWN)).toEqual({
      reached: 2,
      read: 1,
      told: 1,
      households: households(TOWN),
    });
    expect(await rowOn(LEADER, B1)).toMatchObject({ reached: 2, households: households(B1) });

    // Not reached yet: the leaf's households less the one told by phone, each with its people.
    const left = dataOf(
      await as(CONTACT1)('notices', 'unreached', { noticeId: notice.id, gridId: B1H1, page: 1 }),
    );
    expect(left.total).toBe(households(B1H1) - 1);
    expect(left.items.map((h) => h.householdId)).not.toContain(B1H1_HOUSEHOLD);
    expect(left.items[0]?.people.length).toBeGreaterThan(0);
    // Phones stay masked here: calling is the audited reveal's business.
    for (const h of left.items)
      for (const p of h.people) expect(p.phoneMasked ?? '****').toContain('****');
  });

  it('marking a household out of scope, or for a notice that does not cover it, writes nothing', async () => {
    const notice = await published(LEADER, SHATOU);
    const yannan = await published(YANNAN_LEADER, YANNAN);
    const before = snapshot();
    const refusals = await Promise.all([
      as(MEMBER)('notices', 'markReached', {
        noticeId: notice.id,
        householdId: YANNAN_HOUSEHOLD,
        way: 'call',
      }),
      as(RESIDENT)('notices', 'markReached', {
        noticeId: notice.id,
        householdId: OWN_HOUSEHOLD,
        way: 'call',
      }),
      as(MEMBER)('notices', 'markReached', {
        noticeId: yannan.id,
        householdId: B1H1_HOUSEHOLD,
        way: 'call',
      }),
      as(MEMBER)('notices', 'reach', { noticeId: yannan.id, gridId: B1, page: 1 }),
      as(YANNAN_LEADER)('notices', 'reach', { noticeId: notice.id, gridId: SHATOU, page: 1 }),
    ]);
    for (const r of refusals) expect(failure(r).code).toBe('FORBIDDEN');
    expect(snapshot()).toBe(before);
  });

  it('提醒未读 messages each unreached resident within consent once, however often pressed', async () => {
    const TEMPLATE = SUBSCRIBE_TEMPLATES.noticeReminder.id;
    const ledger = server.emulator.ledger;
    ledger.grant(RESIDENT, TEMPLATE, 5);
    const notice = await published(LEADER, SHATOU, { title: '关于暂停集市的通知' });
    const presses = await Promise.all([
      as(MEMBER)('notices', 'remindUnread', { noticeId: notice.id, gridId: B1 }),
      as(MEMBER)('notices', 'remindUnread', { noticeId: notice.id, gridId: B1 }),
      as(LEADER)('notices', 'remindUnread', { noticeId: notice.id, gridId: SHATOU }),
    ]);
    expect(presses.map((p) => dataOf(p).sent).reduce((a, b) => a + b, 0)).toBe(1);
    const sent = ledger.outbox({ touser: RESIDENT, templateId: TEMPLATE });
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).toContain('关于暂停集市的通知');
    expect(
      docs(COLLECTIONS.noticeReminders).filter((r) => r['noticeId'] === notice.id),
    ).toHaveLength(1);

    // A household already reached is not reminded: 王秀英 reads the next one first.
    const next = await published(LEADER, SHATOU);
    dataOf(await as(RESIDENT)('notices', 'open', { noticeId: next.id }));
    dataOf(await as(MEMBER)('notices', 'remindUnread', { noticeId: next.id, gridId: B1 }));
    expect(ledger.outbox({ touser: RESIDENT, templateId: TEMPLATE })).toHaveLength(1);

    // Someone out of scope, or a pending nobody, is refused and nothing is written.
    const before = snapshot();
    for (const [who, gridId] of [
      [YANNAN_LEADER, SHATOU],
      [RESIDENT, B1H3],
    ] as const) {
      expect(
        failure(await as(who)('notices', 'remindUnread', { noticeId: notice.id, gridId })).code,
      ).toBe('FORBIDDEN');
    }
    expect(snapshot()).toBe(before);
  });
});

import {
  ACTION_SCHEMAS,
  addDays,
  chinaDay,
  COLLECTIONS,
  type FunctionResult,
  type ReturnDeclaration,
} from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { demoDeployment } from '../../scripts/demo/jiujiang';
import { actingAs, dataOf, errandPhotoId } from '../helpers/actions';
import { connectSdk, storeSnapshot, tempDir } from '../helpers/emulator';

/**
 * The authorisation matrix: every action of every router × every role × in scope, out of scope
 * and (where the action looks a record up) a record that does not exist, through the gateway and
 * the real functions. In scope is 沙头社区's first branch (led from above by 陈建华, served by
 * 李志强, home of 王秀英's household); out of scope is 烟南村's branch. Every refusal is checked to
 * leave every collection, the audit log included, exactly as it was.
 */
let server: DemoServer;

const IN = 'g-shatou-b1';
const OUT = 'g-yannan-b1';
const NO_GRID = 'g-nowhere';
const LEAF_IN = 'g-shatou-b1-h1';
const LEAF_OUT = 'g-yannan-b1-h1';
/** 王秀英 herself, her husband (registered with the household), her mother (registered by her). */
const SELF = 'h-demo-resident-p1';
const FAMILY = 'h-demo-resident-p2';
const PROXIED = 'h-demo-resident-p3';
const OTHER_PERSON = 'h-g-yannan-b1-h1-1-p1';
const NOBODY = 'p-nobody';
const OWN_HOUSEHOLD = 'h-demo-resident';
const OTHER_HOUSEHOLD = 'h-g-yannan-b1-h1-1';
const NO_HOUSEHOLD = 'h-nowhere';
const NO_ERRAND = 'e-nowhere';
const NO_INVITE = 'ZZZZZZZZ';
const NO_REQUEST = 'jr-000000000000000000000000';
/** Asks to join a household out of everyone's scope but the command centre's. */
const OUTSIDER = 'oOutsider';
const NO_EXPORT = 'x-nowhere-0000';
const LEADER_EXPORT = 'x-leader-0001';
/** 卡口: sites seeded as the rota part stores them, and an entry of an outsider at each (gate, log). */
const GATE_SITE_IN = 'cs-probe-in';
const GATE_SITE_OUT = 'cs-probe-out';
const GATE_TOKEN = 'probe-qr-token';
const gateEntryOf = (siteId: string) => `${siteId}:probe-entry`;
function seedGateSite(siteId: string, gridPath: string[]) {
  const store = server.emulator.store;
  const at = new Date();
  const gridId = gridPath[gridPath.length - 1] ?? '';
  store.insert(COLLECTIONS.checkpointSites, {
    _id: siteId,
    name: '越权卡口',
    kind: 'road',
    place: '路口',
    gridId,
    gridPath,
    gridName: '网格',
    plan: [{ start: '08:00', end: '16:00', need: 1 }],
    planVersion: 1,
    qrToken: GATE_TOKEN,
    status: 'open',
    createdBy: { openid: ROLES.command, name: '九江镇指挥部' },
    createdAt: at,
    updatedAt: at,
  });
  const formId = `of-${siteId}`;
  store.insert(COLLECTIONS.outsiderSecrets, { _id: `${formId}:1`, phone: '13912340010' });
  store.insert(COLLECTIONS.checkpointEntries, {
    _id: gateEntryOf(siteId),
    siteId,
    siteName: '越权卡口',
    gridId,
    gridPath,
    day: chinaDay(at),
    at,
    shiftId: null,
    kind: 'outsider',
    direction: 'in',
    temperature: 36.5,
    fever: false,
    outcome: 'passed',
    resident: null,
    outsider: {
      formId,
      formRev: 1,
      name: '外来人员',
      phoneMasked: '139****0010',
      fromCode: '440600',
      fromName: '广东省佛山市',
      fromRisk: false,
      destHouseholdId: null,
      destAddress: '越权路1号',
      purpose: '探亲',
      staying: false,
    },
    vehicle: null,
    people: 1,
    by: { openid: ROLES.member, name: '李志强' },
    annotations: [],
  });
}

const ROLES = {
  command: 'oDemoCommand',
  leader: 'oDemoLeader',
  member: 'oDemoVolunteer',
  resident: 'oDemoResident',
  newcomer: 'oDemoNewcomer',
} as const;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];

const callers = new Map<RoleName, ReturnType<typeof actingAs>>();
const as = (role: RoleName) => {
  let caller = callers.get(role);
  if (!caller) {
    caller = actingAs(server.emulator, ROLES[role]);
    callers.set(role, caller);
  }
  return caller;
};

/** Records made before the matrix runs, through the actions as their users would. */
const fx = {
  openErrand: '',
  claimedErrand: '',
  deliveredErrand: '',
  outErrand: '',
  inviteIn: '',
  inviteOut: '',
  requestIn: '',
  requestOut: '',
  importIn: '',
  importOut: '',
  rentalIn: '',
  rentalOut: '',
  enterpriseIn: '',
  enterpriseOut: '',
  campaignIn: '',
  campaignOut: '',
  rentalCampaignIn: '',
  rentalCampaignOut: '',
  noticeIn: '',
  noticeOut: '',
  draftIn: '',
  draftOut: '',
  siteIn: '',
  siteOut: '',
};
/** A person of the first branch's first leaf: in scope for the leader and the member. */
const PERSON_IN = 'h-g-shatou-b1-h1-1-p1';
const rentalOf = (door: string) => ({
  place: { street: '越权街', door },
  rooms: 2,
  landlordId: PERSON_IN,
});
const enterpriseOf = (name: string) => ({
  name,
  place: { street: '越权工业区' },
  leaderName: '负责人',
  phone: '13912340009',
  workforce: 10,
  status: 'notResumed' as const,
});

const today = () => chinaDay(Date.now());
const fromWuhan = (): ReturnDeclaration => ({
  origin: { province: '湖北省', city: '武汉市', district: '' },
  via: [],
  transport: 'train',
  transportNumber: 'G1002',
  departureDay: addDays(today(), -2),
  arrivalDay: addDays(today(), -1),
  contactWithCases: false,
  symptoms: [],
});
const groceries = {
  items: [{ name: '大米', quantity: '10斤', note: '' }],
  budget: 80,
  urgency: 2,
  deliveryNote: '放门口',
  contactless: true,
};
/** An import of the node's own blank template, previewed by the role: ready to commit. */
const previewTemplate = async (role: RoleName, gridId: string) => {
  const { url } = dataOf(await as(role)('imports', 'template', { gridId }));
  const content = Buffer.from(await (await fetch(url)).arrayBuffer());
  const { cloudPath } = dataOf(await as(role)('imports', 'uploadTarget', { gridId }));
  const { fileID } = await connectSdk(server.emulator).uploadFile({
    cloudPath,
    fileContent: content,
  });
  return dataOf(await as(role)('imports', 'preview', { gridId, fileId: fileID })).importId;
};
const requestFor = async (role: RoleName, personId: string) =>
  dataOf(await as(role)('errands', 'request', { personId, request: groceries })).id;

beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: [{ openid: OUTSIDER, name: '外来人员', roleLabel: '新用户' }],
  });
  fx.openErrand = await requestFor('resident', SELF);
  fx.claimedErrand = await requestFor('resident', SELF);
  fx.deliveredErrand = await requestFor('resident', SELF);
  fx.outErrand = await requestFor('command', OTHER_PERSON);
  const volunteer = as('member');
  for (const errandId of [fx.claimedErrand, fx.deliveredErrand])
    dataOf(await volunteer('errands', 'claim', { errandId }));
  dataOf(
    await volunteer('errands', 'purchase', {
      errandId: fx.deliveredErrand,
      amount: 60,
      receiptFileId: await errandPhotoId(volunteer, fx.deliveredErrand, 'receipt'),
    }),
  );
  dataOf(
    await volunteer('errands', 'deliver', {
      errandId: fx.deliveredErrand,
      photoFileId: await errandPhotoId(volunteer, fx.deliveredErrand, 'delivery'),
    }),
  );
  // Two people ask to join a household by its door code: one in scope, one out of it.
  const doorCode = (id: string) =>
    String(
      server.emulator.store.getById(server.emulator.store.db, COLLECTIONS.households, id)?.doc[
        'code'
      ],
    );
  const ask = async (openid: string, household: string) => {
    const outcome = dataOf(
      await actingAs(server.emulator, openid)('households', 'join', {
        code: doorCode(household),
        name: '申请人',
        relation: '其他',
      }),
    );
    if (outcome.status !== 'requested') throw new Error('expected a join request');
    return outcome.request.id;
  };
  fx.requestIn = await ask(ROLES.newcomer, OWN_HOUSEHOLD);
  fx.requestOut = await ask(OUTSIDER, OTHER_HOUSEHOLD);
  fx.importIn = await previewTemplate('leader', IN);
  fx.importOut = await previewTemplate('command', OUT);
  dataOf(
    await as('resident')('returns', 'declare', { personId: FAMILY, declaration: fromWuhan() }),
  );
  dataOf(
    await as('command')('returns', 'declare', { personId: OTHER_PERSON, declaration: fromWuhan() }),
  );
  const invite = (role: RoleName, gridId: string) =>
    as(role)('members', 'invite', { gridId, kind: 'member', party: false, days: 7, maxUses: 5 });
  fx.inviteIn = dataOf(await invite('leader', IN)).code;
  fx.inviteOut = dataOf(await invite('command', OUT)).code;
  // 出租屋 and 企业: one on a leaf in scope, one out of it.
  fx.rentalIn = dataOf(
    await as('leader')('targets', 'createRental', {
      gridId: LEAF_IN,
      key: 'fx-rental-in',
      rental: rentalOf('1'),
    }),
  ).id;
  fx.rentalOut = dataOf(
    await as('command')('targets', 'createRental', {
      gridId: LEAF_OUT,
      key: 'fx-rental-out',
      rental: { ...rentalOf('1'), landlordId: OTHER_PERSON },
    }),
  ).id;
  fx.enterpriseIn = dataOf(
    await as('leader')('targets', 'createEnterprise', {
      gridId: LEAF_IN,
      key: 'fx-enterprise-in',
      enterprise: enterpriseOf('越权五金厂'),
    }),
  ).id;
  fx.enterpriseOut = dataOf(
    await as('command')('targets', 'createEnterprise', {
      gridId: LEAF_OUT,
      key: 'fx-enterprise-out',
      enterprise: enterpriseOf('越权五金厂'),
    }),
  ).id;
  // 排查: a campaign on the branch in scope with a finding to close, one on 烟南村's branch.
  const campaign = async (role: RoleName, gridId: string, household: string) => {
    const started = dataOf(
      await as(role)('campaigns', 'start', {
        gridId,
        key: `probe-campaign-${gridId}`,
        name: '越权排查',
        kind: 'household',
        startDay: today(),
        endDay: addDays(today(), 7),
        rounds: 2,
        checklist: [],
      }),
    );
    dataOf(
      await as(role)('campaigns', 'visit', {
        campaignId: started.id,
        round: 1,
        targetId: household,
        clientId: `probe-visit-${gridId}`,
        outcome: 'finding',
        note: '楼道堆放杂物',
        finding: { kind: 'other' },
      }),
    );
    return started.id;
  };
  fx.campaignIn = await campaign('leader', IN, 'h-g-shatou-b1-h1-1');
  fx.campaignOut = await campaign('command', OUT, OTHER_HOUSEHOLD);
  // 出租屋排查 with a 责任书, on the branch in scope and on 烟南村's.
  const rentalCampaign = async (role: RoleName, gridId: string) =>
    dataOf(
      await as(role)('campaigns', 'start', {
        gridId,
        key: `probe-rental-campaign-${gridId}`,
        name: '越权出租屋排查',
        kind: 'rental',
        startDay: today(),
        endDay: addDays(today(), 7),
        rounds: 1,
        checklist: [],
        letter: '出租屋防疫责任书',
      }),
    ).id;
  fx.rentalCampaignIn = await rentalCampaign('leader', IN);
  fx.rentalCampaignOut = await rentalCampaign('command', OUT);
  // 通知公告: a published notice and a draft on the branch in scope, and on 烟南村's branch.
  const notice = async (role: RoleName, gridId: string, key: string, publish: boolean) => {
    const draft = dataOf(
      await as(role)('notices', 'createDraft', { gridId, key, content: noticeContent }),
    );
    if (publish)
      dataOf(await as(role)('notices', 'publish', { noticeId: draft.id, confirm: true }));
    return draft.id;
  };
  fx.noticeIn = await notice('leader', IN, 'probe-notice-in', true);
  fx.noticeOut = await notice('command', OUT, 'probe-notice-out', true);
  fx.draftIn = await notice('leader', IN, 'probe-draft-in', false);
  fx.draftOut = await notice('command', OUT, 'probe-draft-out', false);
  // 卡口 rota: a site on the branch in scope, one on 烟南村's branch.
  const site = async (role: RoleName, gridId: string) =>
    dataOf(
      await as(role)('checkpoints', 'createSite', {
        gridId,
        key: `probe-site-${gridId}`,
        name: '越权卡口',
        kind: 'village',
        place: '村口东侧',
        plan: [{ start: '07:00', end: '19:00', need: 2 }],
      }),
    ).id;
  fx.siteIn = await site('leader', IN);
  fx.siteOut = await site('command', OUT);
  // 卡口 gate: a site on the branch in scope and one on 烟南村's, each with an entry of an outsider.
  for (const [siteId, gridPath] of [
    [GATE_SITE_IN, ['g-jiujiang', 'g-shatou', IN]],
    [GATE_SITE_OUT, ['g-jiujiang', 'g-yannan', OUT]],
  ] as const)
    seedGateSite(siteId, [...gridPath]);
  server.emulator.store.insert(COLLECTIONS.exports, {
    _id: LEADER_EXPORT,
    openid: ROLES.leader,
    gridId: IN,
    day: today(),
    phase: 'done',
    done: 1,
    total: 1,
    fileId: null,
    at: new Date(),
  });
});
afterAll(() => server.close());

const snapshot = () => storeSnapshot(server.emulator);

type Run = (role: RoleName) => Promise<FunctionResult<unknown>>;

interface Probe {
  /** `router.action`, as in ACTION_SCHEMAS. */
  action: string;
  /** 'in scope', 'out of scope', 'missing', or what else sets the target apart. */
  target: string;
  run: Run;
  /** Who may. Everyone else is refused with `refusal` (FORBIDDEN unless said). */
  allowed: readonly RoleName[];
  /** The allowed calls write (or audit): the matrix runs only the refusals; tests below the rest. */
  writes?: boolean;
  /** The record does not exist: the command centre is told NOT_FOUND, everyone else refused. */
  missing?: true;
  /**
   * A counter of wrong codes the refusal may add to (codes must not be guessed one after
   * another); every other collection stays as it was.
   */
  tallies?: string;
  /** The probe (same action) whose refusal a missing record must answer exactly like. */
  like?: string;
  refusal?: string;
}

const ALL = ROLE_NAMES;
const C: RoleName[] = ['command'];
const CL: RoleName[] = ['command', 'leader'];
const CLM: RoleName[] = ['command', 'leader', 'member'];
const CLMR: RoleName[] = ['command', 'leader', 'member', 'resident'];

/**
 * In scope, out of scope and missing for an action that looks one record up: the same call with
 * three ids; a missing one must be refused exactly like the out-of-scope one.
 */
function scoped(
  action: string,
  call: (id: string) => Run,
  ids: { in: string; out: string; missing: string },
  allowed: readonly RoleName[],
  writes = false,
): Probe[] {
  // Ids are read when the probe runs: some are made in beforeAll.
  return [
    { action, target: 'in scope', run: (r) => call(ids.in)(r), allowed, writes },
    { action, target: 'out of scope', run: (r) => call(ids.out)(r), allowed: C, writes },
    {
      action,
      target: 'missing',
      run: (r) => call(ids.missing)(r),
      allowed: [],
      missing: true,
      like: 'out of scope',
    },
  ];
}
const grids = { in: IN, out: OUT, missing: NO_GRID };
const joinRequests = {
  get in() {
    return fx.requestIn;
  },
  get out() {
    return fx.requestOut;
  },
  missing: NO_REQUEST,
};
const people = { in: SELF, out: OTHER_PERSON, missing: NOBODY };
const leaves = { in: LEAF_IN, out: LEAF_OUT, missing: NO_GRID };
const rentals = {
  get in() {
    return fx.rentalIn;
  },
  get out() {
    return fx.rentalOut;
  },
  missing: 'r-nowhere',
};
const enterprises = {
  get in() {
    return fx.enterpriseIn;
  },
  get out() {
    return fx.enterpriseOut;
  },
  missing: 'e-nowhere',
};
const NO_CAMPAIGN = 'c-nowhere';
/**
 * A campaign in scope (on the branch) and one out of it (烟南村's branch); with `inside`, each
 * paired with a node or target of its own as `campaign|other`. Missing is a campaign that does
 * not exist, or (given `missing`) a target that does not exist in the campaign in scope.
 */
function campaigns(inside?: string, outside?: string, missing?: string) {
  const pair = (campaign: string, other: string | undefined) =>
    other === undefined ? campaign : `${campaign}|${other}`;
  return {
    get in() {
      return pair(fx.campaignIn, inside);
    },
    get out() {
      return pair(fx.campaignOut, outside);
    },
    get missing() {
      return missing === undefined ? pair(NO_CAMPAIGN, inside) : pair(fx.campaignIn, missing);
    },
  };
}
/** As `campaigns`, for the rental campaigns with a 责任书, each paired with its rental. */
const rentalLetters = {
  get in() {
    return `${fx.rentalCampaignIn}|${fx.rentalIn}`;
  },
  get out() {
    return `${fx.rentalCampaignOut}|${fx.rentalOut}`;
  },
  get missing() {
    return `${fx.rentalCampaignIn}|r-nowhere`;
  },
};
const split = <K extends string>(pair: string, key: K) => {
  const [campaignId = '', other = ''] = pair.split('|');
  return { campaignId, [key]: other } as { campaignId: string } & Record<K, string>;
};
const observed = { in: FAMILY, out: OTHER_PERSON, missing: NOBODY };
const noticeContent = {
  title: '越权通知',
  body: '请勿越权阅读',
  images: [],
  attachments: [],
  audio: [],
  audience: 'all' as const,
  pinned: false,
  expiresDay: null,
};
const fixture = (key: keyof typeof fx, missing: string) => ({
  get in() {
    return fx[key];
  },
  get out() {
    return fx[key.replace(/In$/, 'Out') as keyof typeof fx];
  },
  missing,
});
const notices = fixture('noticeIn', 'n-nowhere');
const drafts = fixture('draftIn', 'n-nowhere');
/** A notice and a node (or household) of the same side, `notice|other`. */
const noticePairs = (inOther: string, outOther: string, missing: string) => ({
  get in() {
    return `${fx.noticeIn}|${inOther}`;
  },
  get out() {
    return `${fx.noticeOut}|${outOther}`;
  },
  missing,
});
const noticeAnd = <K extends string>(pair: string, key: K) => {
  const [noticeId = '', other = ''] = pair.split('|');
  return { noticeId, [key]: other } as { noticeId: string } & Record<K, string>;
};
const logDays = () => ({ from: addDays(today(), -6), to: today() });
const NO_SITE = 'cs-nowhere';
const sites = fixture('siteIn', NO_SITE);
/** A shift three days ahead (members may still change it) of each site. */
const shiftOn = (siteId: string) => `${siteId}:${addDays(today(), 3)}:0`;
const shifts = {
  get in() {
    return shiftOn(fx.siteIn);
  },
  get out() {
    return shiftOn(fx.siteOut);
  },
  get missing() {
    return shiftOn(NO_SITE);
  },
};
const gateSites = { in: GATE_SITE_IN, out: GATE_SITE_OUT, missing: 'cs-nowhere' };
const gateEntries = {
  in: gateEntryOf(GATE_SITE_IN),
  out: gateEntryOf(GATE_SITE_OUT),
  missing: gateEntryOf('cs-nowhere'),
};

const probes: Probe[] = [
  // grids
  {
    action: 'grids.children',
    target: 'own roots',
    run: (r) => as(r)('grids', 'children', { parentId: null, page: 1 }),
    allowed: ALL,
  },
  ...scoped(
    'grids.children',
    (id) => (r) => as(r)('grids', 'children', { parentId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped('grids.detail', (id) => (r) => as(r)('grids', 'detail', { gridId: id }), grids, CLM),
  ...scoped(
    'grids.households',
    (id) => (r) => as(r)('grids', 'households', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped('grids.todos', (id) => (r) => as(r)('grids', 'todos', { gridId: id }), grids, CLM),
  {
    action: 'grids.create',
    target: 'top level',
    run: (r) => as(r)('grids', 'create', { parentId: null, name: '越权网格' }),
    allowed: C,
    writes: true,
  },
  ...scoped(
    'grids.create',
    (id) => (r) => as(r)('grids', 'create', { parentId: id, name: '越权网格' }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'grids.rename',
    (id) => (r) => as(r)('grids', 'rename', { gridId: id, name: '越权网格' }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'grids.move',
    (id) => (r) => as(r)('grids', 'move', { gridId: id, newParentId: 'g-shatou-b2' }),
    { in: LEAF_IN, out: LEAF_OUT, missing: NO_GRID },
    CL,
    true,
  ),
  {
    action: 'grids.move',
    target: 'into a node out of scope',
    run: (r) => as(r)('grids', 'move', { gridId: LEAF_IN, newParentId: OUT }),
    allowed: C,
    writes: true,
  },
  ...scoped(
    'grids.remove',
    (id) => (r) => as(r)('grids', 'remove', { gridId: id, confirm: true }),
    { in: LEAF_IN, out: LEAF_OUT, missing: NO_GRID },
    CL,
    true,
  ),
  {
    action: 'grids.remove',
    target: "the leader's own node",
    run: (r) => as(r)('grids', 'remove', { gridId: 'g-shatou', confirm: true }),
    allowed: C,
    writes: true,
  },
  // members
  ...scoped(
    'members.invite',
    (id) => (r) =>
      as(r)('members', 'invite', { gridId: id, kind: 'member', party: false, days: 7, maxUses: 5 }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'members.invites',
    (id) => (r) => as(r)('members', 'invites', { gridId: id }),
    grids,
    CL,
  ),
  ...scoped(
    'members.revoke',
    (id) => (r) => as(r)('members', 'revoke', { code: id, confirm: true }),
    {
      get in() {
        return fx.inviteIn;
      },
      get out() {
        return fx.inviteOut;
      },
      missing: NO_INVITE,
    },
    CL,
    true,
  ),
  {
    action: 'members.join',
    target: 'a code that does not exist',
    run: (r) => as(r)('members', 'join', { code: NO_INVITE, name: '赵敏' }),
    allowed: [],
    refusal: 'INVITE_INVALID',
  },
  ...scoped(
    'members.confirm',
    (id) => (r) => as(r)('members', 'confirm', { gridId: id, openid: ROLES.member, confirm: true }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'members.remove',
    (id) => (r) => as(r)('members', 'remove', { gridId: id, openid: ROLES.member, confirm: true }),
    grids,
    CL,
    true,
  ),
  // households
  ...scoped(
    'households.create',
    (id) => (r) => as(r)('households', 'create', { gridId: id, address: '越权路1号' }),
    { in: LEAF_IN, out: LEAF_OUT, missing: NO_GRID },
    CL,
    true,
  ),
  {
    action: 'households.mine',
    target: 'own',
    run: (r) => as(r)('households', 'mine', {}),
    allowed: ALL,
  },
  {
    action: 'households.join',
    target: 'a door code that does not exist',
    run: (r) => as(r)('households', 'join', { code: 'ZZZZZZ', name: '赵敏', relation: '本人' }),
    allowed: [],
    refusal: 'HOUSEHOLD_CODE_INVALID',
    tallies: COLLECTIONS.codeAttempts,
  },
  {
    action: 'households.myRequest',
    target: 'own',
    run: (r) => as(r)('households', 'myRequest', {}),
    allowed: ALL,
  },
  {
    action: 'households.requests',
    target: 'to own household',
    run: (r) => as(r)('households', 'requests', { gridId: null, page: 1 }),
    allowed: ALL,
  },
  ...scoped(
    'households.requests',
    (id) => (r) => as(r)('households', 'requests', { gridId: id, page: 1 }),
    grids,
    CL,
  ),
  // 王秀英 admits to her own household, 陈建华 under his node; 李志强 serves there but admits no one.
  ...scoped(
    'households.approve',
    (id) => (r) => as(r)('households', 'approve', { requestId: id, confirm: true }),
    joinRequests,
    ['command', 'leader', 'resident'],
    true,
  ),
  ...scoped(
    'households.reject',
    (id) => (r) => as(r)('households', 'reject', { requestId: id, reason: '' }),
    joinRequests,
    ['command', 'leader', 'resident'],
    true,
  ),
  {
    action: 'households.withdraw',
    target: 'own request',
    run: (r) => as(r)('households', 'withdraw', {}),
    allowed: ['newcomer'],
    writes: true,
    refusal: 'CONFLICT',
  },
  // 导入登记表: the command centre anywhere, a leader under their node.
  ...scoped(
    'imports.template',
    (id) => (r) => as(r)('imports', 'template', { gridId: id }),
    grids,
    CL,
  ),
  ...scoped(
    'imports.uploadTarget',
    (id) => (r) => as(r)('imports', 'uploadTarget', { gridId: id }),
    grids,
    CL,
  ),
  ...scoped(
    'imports.preview',
    (id) => (r) =>
      as(r)('imports', 'preview', {
        gridId: id,
        fileId: `cloud://local.test/imports/${ROLES[r]}/abcdef123456.xlsx`,
      }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'imports.pending',
    (id) => (r) => as(r)('imports', 'pending', { gridId: id }),
    grids,
    CL,
  ),
  ...scoped(
    'imports.export',
    (id) => (r) => as(r)('imports', 'export', { gridId: id }),
    grids,
    CL,
    true,
  ),
  // Only the uploader commits an import, whoever else may manage its node.
  ...scoped(
    'imports.commit',
    (id) => (r) => as(r)('imports', 'commit', { importId: id }),
    {
      get in() {
        return fx.importIn;
      },
      get out() {
        return fx.importOut;
      },
      missing: 'imp-nothing',
    },
    ['leader'],
    true,
  ),
  // setup: the demo town is set up already
  {
    action: 'setup.clinics',
    target: "the town's 发热门诊",
    run: (r) => as(r)('setup', 'clinics', {}),
    allowed: ALL,
  },
  {
    action: 'setup.saveClinics',
    target: "the town's 发热门诊",
    run: (r) => as(r)('setup', 'saveClinics', { clinics: [] }),
    allowed: C,
    writes: true,
  },
  {
    action: 'setup.status',
    target: 'the environment',
    run: (r) => as(r)('setup', 'status', {}),
    allowed: ALL,
  },
  {
    action: 'setup.claim',
    target: 'a second setup',
    run: (r) =>
      as(r)('setup', 'claim', {
        code: 'ABCDEFGHJK',
        name: '越权',
        rootName: '越权镇',
        template: 'jiujiang',
        levels: ['镇', '村'],
      }),
    allowed: [],
    refusal: 'CONFLICT',
  },
  {
    action: 'setup.levels',
    target: 'the environment',
    run: (r) => as(r)('setup', 'levels', { levels: ['镇', '村(社区)'] }),
    allowed: C,
    writes: true,
  },
  {
    action: 'setup.rules',
    target: 'the environment',
    run: (r) => as(r)('setup', 'rules', {}),
    allowed: C,
  },
  {
    action: 'setup.saveRules',
    target: 'the environment',
    run: (r) => as(r)('setup', 'saveRules', { riskAreas: [], observationDays: 14 }),
    allowed: C,
    writes: true,
  },
  {
    action: 'setup.commanders',
    target: 'the environment',
    run: (r) => as(r)('setup', 'commanders', {}),
    allowed: C,
  },
  {
    action: 'setup.grantCommand',
    target: 'a member of the town',
    run: (r) => as(r)('setup', 'grantCommand', { openid: ROLES.member, confirm: true }),
    allowed: C,
    writes: true,
  },
  {
    action: 'setup.revokeCommand',
    target: 'the command centre',
    run: (r) => as(r)('setup', 'revokeCommand', { openid: ROLES.command, confirm: true }),
    allowed: C,
    writes: true,
  },
  ...scoped(
    'households.addPerson',
    (id) => (r) =>
      as(r)('households', 'addPerson', { householdId: id, name: '越权', relation: '其他' }),
    { in: OWN_HOUSEHOLD, out: OTHER_HOUSEHOLD, missing: NO_HOUSEHOLD },
    CLMR,
    true,
  ),
  // register: 住户登记 by grid staff (households: leaders; people: leaders and members)
  ...scoped(
    'register.households',
    (id) => (r) => as(r)('register', 'households', { gridId: id, page: 1 }),
    { in: LEAF_IN, out: LEAF_OUT, missing: NO_GRID },
    CLM,
  ),
  ...scoped(
    'register.household',
    (id) => (r) => as(r)('register', 'household', { householdId: id }),
    { in: OWN_HOUSEHOLD, out: OTHER_HOUSEHOLD, missing: NO_HOUSEHOLD },
    CLM,
  ),
  ...scoped(
    'register.createHousehold',
    (id) => (r) =>
      as(r)('register', 'createHousehold', {
        gridId: id,
        key: `probe-${r}`,
        place: { street: '越权街', door: '1' },
      }),
    { in: LEAF_IN, out: LEAF_OUT, missing: NO_GRID },
    CLM,
    true,
  ),
  ...scoped(
    'register.editHousehold',
    (id) => (r) =>
      as(r)('register', 'editHousehold', {
        householdId: id,
        place: { street: '越权街', door: '1' },
      }),
    { in: OWN_HOUSEHOLD, out: OTHER_HOUSEHOLD, missing: NO_HOUSEHOLD },
    CL,
    true,
  ),
  ...scoped(
    'register.removeHousehold',
    (id) => (r) => as(r)('register', 'removeHousehold', { householdId: id, confirm: true }),
    { in: OWN_HOUSEHOLD, out: OTHER_HOUSEHOLD, missing: NO_HOUSEHOLD },
    CL,
    true,
  ),
  ...scoped(
    'register.regenerateCode',
    (id) => (r) => as(r)('register', 'regenerateCode', { householdId: id, confirm: true }),
    { in: OWN_HOUSEHOLD, out: OTHER_HOUSEHOLD, missing: NO_HOUSEHOLD },
    CL,
    true,
  ),
  ...scoped(
    'register.addPerson',
    (id) => (r) =>
      as(r)('register', 'addPerson', {
        householdId: id,
        key: `probe-${r}`,
        person: { name: '越权', relation: '其他', residency: 'floating' },
      }),
    { in: OWN_HOUSEHOLD, out: OTHER_HOUSEHOLD, missing: NO_HOUSEHOLD },
    CLM,
    true,
  ),
  ...scoped(
    'register.editPerson',
    (id) => (r) =>
      as(r)('register', 'editPerson', {
        personId: id,
        person: { name: '越权', relation: '其他', residency: 'floating' },
      }),
    { in: PROXIED, out: OTHER_PERSON, missing: NOBODY },
    CLM,
    true,
  ),
  ...scoped(
    'register.removePerson',
    (id) => (r) =>
      as(r)('register', 'removePerson', { personId: id, reason: '越权删除', confirm: true }),
    { in: PROXIED, out: OTHER_PERSON, missing: NOBODY },
    CL,
    true,
  ),
  ...scoped(
    'register.movePerson',
    (id) => (r) =>
      as(r)('register', 'movePerson', {
        personId: id,
        householdId: 'h-g-shatou-b1-h1-1',
        relation: '其他',
        confirm: true,
      }),
    { in: PROXIED, out: OTHER_PERSON, missing: NOBODY },
    CL,
    true,
  ),
  {
    action: 'register.movePerson',
    target: 'into a household out of scope',
    run: (r) =>
      as(r)('register', 'movePerson', {
        personId: PROXIED,
        householdId: OTHER_HOUSEHOLD,
        relation: '其他',
        confirm: true,
      }),
    allowed: C,
    writes: true,
  },
  // targets: 出租屋 and 企业 (read by staff, kept by leaders and members, removed by leaders)
  ...scoped(
    'targets.rentals',
    (id) => (r) => as(r)('targets', 'rentals', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped(
    'targets.rental',
    (id) => (r) => as(r)('targets', 'rental', { rentalId: id }),
    rentals,
    CLM,
  ),
  ...scoped(
    'targets.createRental',
    (id) => (r) =>
      as(r)('targets', 'createRental', { gridId: id, key: `probe-${r}`, rental: rentalOf('9') }),
    leaves,
    CLM,
    true,
  ),
  ...scoped(
    'targets.editRental',
    (id) => (r) => as(r)('targets', 'editRental', { rentalId: id, rental: rentalOf('8') }),
    rentals,
    CLM,
    true,
  ),
  ...scoped(
    'targets.removeRental',
    (id) => (r) => as(r)('targets', 'removeRental', { rentalId: id, confirm: true }),
    rentals,
    CL,
    true,
  ),
  ...scoped(
    'targets.setTenants',
    (id) => (r) =>
      as(r)('targets', 'setTenants', {
        rentalId: id,
        changes: [{ personId: 'h-g-shatou-b1-h1-2-p1', lease: { start: today() } }],
      }),
    rentals,
    CLM,
    true,
  ),
  {
    action: 'targets.setTenants',
    target: 'a tenant out of scope',
    run: (r) =>
      as(r)('targets', 'setTenants', {
        rentalId: fx.rentalIn,
        changes: [{ personId: OTHER_PERSON, lease: { start: today() } }],
      }),
    allowed: C,
    writes: true,
  },
  {
    action: 'targets.createRental',
    target: 'a landlord out of scope',
    run: (r) =>
      as(r)('targets', 'createRental', {
        gridId: LEAF_IN,
        key: `probe-out-${r}`,
        rental: { ...rentalOf('7'), landlordId: OTHER_PERSON },
      }),
    allowed: C,
    writes: true,
  },
  ...scoped(
    'targets.enterprises',
    (id) => (r) => as(r)('targets', 'enterprises', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped(
    'targets.enterprise',
    (id) => (r) => as(r)('targets', 'enterprise', { enterpriseId: id }),
    enterprises,
    CLM,
  ),
  ...scoped(
    'targets.createEnterprise',
    (id) => (r) =>
      as(r)('targets', 'createEnterprise', {
        gridId: id,
        key: `probe-${r}`,
        enterprise: enterpriseOf(`越权企业${r}`),
      }),
    leaves,
    CLM,
    true,
  ),
  ...scoped(
    'targets.editEnterprise',
    (id) => (r) =>
      as(r)('targets', 'editEnterprise', {
        enterpriseId: id,
        enterprise: enterpriseOf('越权改名'),
      }),
    enterprises,
    CLM,
    true,
  ),
  ...scoped(
    'targets.removeEnterprise',
    (id) => (r) => as(r)('targets', 'removeEnterprise', { enterpriseId: id, confirm: true }),
    enterprises,
    CL,
    true,
  ),
  // Every reveal is audited, so allowed ones are writes.
  ...scoped(
    'targets.revealEnterprisePhone',
    (id) => (r) => as(r)('targets', 'revealEnterprisePhone', { enterpriseId: id }),
    enterprises,
    CLM,
    true,
  ),
  // search: masked results in the caller's nodes
  ...scoped(
    'search.find',
    (id) => (r) => as(r)('search', 'find', { gridId: id, query: '王', kind: 'people', page: 1 }),
    grids,
    CLM,
  ),
  {
    action: 'search.find',
    target: 'nodes in scope',
    run: (r) => as(r)('search', 'find', { gridId: IN, query: '组', kind: 'nodes', page: 1 }),
    allowed: CLM,
  },
  // people: every reveal is audited, so allowed ones are writes
  ...scoped(
    'people.reveal',
    (id) => (r) => as(r)('people', 'reveal', { personId: id, field: 'phone' }),
    people,
    CLMR,
    true,
  ),
  {
    action: 'people.reveal',
    target: 'phone of family one did not register',
    run: (r) => as(r)('people', 'reveal', { personId: FAMILY, field: 'phone' }),
    allowed: CLM,
    writes: true,
  },
  {
    action: 'people.reveal',
    target: 'own ID number',
    run: (r) => as(r)('people', 'reveal', { personId: SELF, field: 'idNumber' }),
    allowed: ['command', 'leader', 'resident'],
    writes: true,
  },
  {
    action: 'people.reveal',
    target: 'ID number of family one did not register',
    run: (r) => as(r)('people', 'reveal', { personId: FAMILY, field: 'idNumber' }),
    allowed: CL,
    writes: true,
  },
  {
    action: 'people.reveal',
    target: 'ID number of family one registered',
    run: (r) => as(r)('people', 'reveal', { personId: PROXIED, field: 'idNumber' }),
    allowed: ['command', 'leader', 'resident'],
    writes: true,
  },
  {
    action: 'people.reveal',
    target: 'ID number out of scope',
    run: (r) => as(r)('people', 'reveal', { personId: OTHER_PERSON, field: 'idNumber' }),
    allowed: C,
    writes: true,
  },
  {
    action: 'people.reveal',
    target: 'ID number of nobody',
    run: (r) => as(r)('people', 'reveal', { personId: NOBODY, field: 'idNumber' }),
    allowed: [],
    missing: true,
    like: 'ID number out of scope',
  },
  // returns
  ...scoped(
    'returns.declare',
    (id) => (r) => as(r)('returns', 'declare', { personId: id, declaration: fromWuhan() }),
    people,
    CLMR,
    true,
  ),
  ...scoped(
    'returns.override',
    (id) => (r) => as(r)('returns', 'override', { personId: id, class: 'key', reason: '探查' }),
    observed,
    CL,
    true,
  ),
  ...scoped(
    'returns.assignCarer',
    (id) => (r) => as(r)('returns', 'assignCarer', { personId: id, openid: ROLES.member }),
    observed,
    CL,
    true,
  ),
  ...scoped(
    'returns.resolve',
    (id) => (r) => as(r)('returns', 'resolve', { personId: id, reason: '上门复测正常' }),
    observed,
    CL,
    true,
  ),
  ...scoped(
    'returns.extend',
    (id) => (r) => as(r)('returns', 'extend', { personId: id, days: 3, reason: '探查' }),
    observed,
    CL,
    true,
  ),
  ...scoped(
    'returns.endEarly',
    (id) => (r) =>
      as(r)('returns', 'endEarly', { personId: id, reason: '核酸阴性', confirm: true }),
    observed,
    CL,
    true,
  ),
  // contacts: 户联系 and 关爱协管员
  ...scoped(
    'contacts.candidates',
    (id) => (r) => as(r)('contacts', 'candidates', { gridId: id }),
    grids,
    CL,
  ),
  ...scoped(
    'contacts.assign',
    (id) => (r) => as(r)('contacts', 'assign', { householdIds: [id], openid: ROLES.member }),
    { in: OWN_HOUSEHOLD, out: OTHER_HOUSEHOLD, missing: NO_HOUSEHOLD },
    CL,
    true,
  ),
  ...scoped(
    'contacts.carers',
    (id) => (r) => as(r)('contacts', 'carers', { personId: id }),
    observed,
    CL,
  ),
  {
    action: 'contacts.mine',
    target: 'own households',
    run: (r) => as(r)('contacts', 'mine', { page: 1 }),
    allowed: CLM,
  },
  {
    action: 'contacts.cared',
    target: 'own observed people',
    run: (r) => as(r)('contacts', 'cared', { page: 1 }),
    allowed: CLM,
  },
  // Someone in no household has an empty answer, not a refusal.
  {
    action: 'contacts.family',
    target: 'own household',
    run: (r) => as(r)('contacts', 'family', {}),
    allowed: ALL,
  },
  // Audited: the matrix runs the refusals of those with no household to call from.
  {
    action: 'contacts.callStaff',
    target: "own household's grid member",
    run: (r) => as(r)('contacts', 'callStaff', {}),
    allowed: ['resident'],
    writes: true,
  },
  ...scoped(
    'returns.status',
    (id) => (r) => as(r)('returns', 'status', { personId: id }),
    observed,
    CLMR,
  ),
  ...scoped(
    'returns.list',
    (id) => (r) => as(r)('returns', 'list', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped(
    'returns.resolved',
    (id) => (r) => as(r)('returns', 'resolved', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  // campaigns: 洗楼/排查 (run: leaders over the campaign; visits: confirmed staff in scope)
  {
    action: 'campaigns.list',
    target: 'own nodes',
    run: (r) => as(r)('campaigns', 'list', { page: 1 }),
    allowed: CLM,
  },
  ...scoped(
    'campaigns.list',
    (id) => (r) => as(r)('campaigns', 'list', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped(
    'campaigns.start',
    (id) => (r) =>
      as(r)('campaigns', 'start', {
        gridId: id,
        key: `probe-${r}`,
        name: '越权排查',
        kind: 'household',
        startDay: today(),
        endDay: addDays(today(), 7),
        rounds: 1,
        checklist: [],
      }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'campaigns.detail',
    (id) => (r) => as(r)('campaigns', 'detail', { campaignId: id }),
    campaigns(),
    CLM,
  ),
  ...scoped(
    'campaigns.advance',
    (id) => (r) => as(r)('campaigns', 'advance', { campaignId: id, round: 1, confirm: true }),
    campaigns(),
    CL,
    true,
  ),
  ...scoped(
    'campaigns.close',
    (id) => (r) => as(r)('campaigns', 'close', { campaignId: id, confirm: true }),
    campaigns(),
    CL,
    true,
  ),
  ...scoped(
    'campaigns.mine',
    (id) => (r) => as(r)('campaigns', 'mine', { campaignId: id, page: 1 }),
    campaigns(),
    CLM,
  ),
  ...scoped(
    'campaigns.assignOptions',
    (pair) => (r) => as(r)('campaigns', 'assignOptions', split(pair, 'gridId')),
    campaigns(IN, OUT),
    CL,
  ),
  ...scoped(
    'campaigns.assign',
    (pair) => (r) =>
      as(r)('campaigns', 'assign', { ...split(pair, 'gridId'), openid: ROLES.member }),
    campaigns(LEAF_IN, LEAF_OUT),
    CL,
    true,
  ),
  ...scoped(
    'campaigns.target',
    (pair) => (r) => as(r)('campaigns', 'target', split(pair, 'targetId')),
    campaigns(OWN_HOUSEHOLD, OTHER_HOUSEHOLD, NO_HOUSEHOLD),
    CLM,
  ),
  ...scoped(
    'campaigns.visit',
    (pair) => (r) =>
      as(r)('campaigns', 'visit', {
        ...split(pair, 'targetId'),
        round: 1,
        clientId: `probe-${r}`,
        outcome: 'noHome',
      }),
    campaigns(OWN_HOUSEHOLD, OTHER_HOUSEHOLD, NO_HOUSEHOLD),
    CLM,
    true,
  ),
  ...scoped(
    'campaigns.revisits',
    (pair) => (r) => as(r)('campaigns', 'revisits', { ...split(pair, 'gridId'), page: 1 }),
    campaigns(IN, OUT),
    CLM,
  ),
  ...scoped(
    'campaigns.coverage',
    (pair) => (r) => as(r)('campaigns', 'coverage', { ...split(pair, 'gridId'), page: 1 }),
    campaigns(IN, OUT),
    CLM,
  ),
  ...scoped(
    'campaigns.members',
    (pair) => (r) => as(r)('campaigns', 'members', { ...split(pair, 'gridId'), page: 1 }),
    campaigns(IN, OUT),
    CLM,
  ),
  ...scoped(
    'campaigns.doors',
    (pair) => (r) => as(r)('campaigns', 'doors', { ...split(pair, 'gridId'), page: 1 }),
    campaigns(LEAF_IN, LEAF_OUT),
    CLM,
  ),
  ...scoped(
    'campaigns.findings',
    (pair) => (r) => as(r)('campaigns', 'findings', { ...split(pair, 'gridId'), page: 1 }),
    campaigns(IN, OUT),
    CLM,
  ),
  // The export audits and stores a file: leaders over the node exported (inside the campaign).
  ...scoped(
    'campaigns.export',
    (pair) => (r) => as(r)('campaigns', 'export', split(pair, 'gridId')),
    campaigns(IN, OUT),
    CL,
    true,
  ),
  ...scoped(
    'campaigns.closeFinding',
    (pair) => (r) =>
      as(r)('campaigns', 'closeFinding', {
        ...split(pair, 'targetId'),
        round: 1,
        note: '越权处理',
      }),
    campaigns('h-g-shatou-b1-h1-1', OTHER_HOUSEHOLD, NO_HOUSEHOLD),
    CL,
    true,
  ),
  ...scoped(
    'campaigns.signatureTarget',
    (pair) => (r) => as(r)('campaigns', 'signatureTarget', split(pair, 'targetId')),
    rentalLetters,
    CLM,
  ),
  ...scoped(
    'campaigns.sign',
    (pair) => (r) =>
      as(r)('campaigns', 'sign', {
        ...split(pair, 'targetId'),
        signerName: '越权房东',
        letterHash: '0'.repeat(64),
        fileId: `cloud://local.test/photos/${ROLES[r]}/pledge-0-0.png`,
      }),
    rentalLetters,
    CLM,
    true,
  ),
  ...scoped(
    'campaigns.pledge',
    (pair) => (r) => as(r)('campaigns', 'pledge', split(pair, 'targetId')),
    rentalLetters,
    CLM,
  ),
  // 通知公告
  ...scoped(
    'notices.createDraft',
    (id) => (r) =>
      as(r)('notices', 'createDraft', { gridId: id, key: 'probe-create', content: noticeContent }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'notices.saveDraft',
    (id) => (r) => as(r)('notices', 'saveDraft', { noticeId: id, rev: 0, content: noticeContent }),
    drafts,
    CL,
    true,
  ),
  ...scoped(
    'notices.uploadTarget',
    (id) => (r) =>
      as(r)('notices', 'uploadTarget', { noticeId: id, kind: 'audio', extension: 'mp3' }),
    drafts,
    CL,
  ),
  ...scoped(
    'notices.publish',
    (id) => (r) => as(r)('notices', 'publish', { noticeId: id, confirm: true }),
    drafts,
    CL,
    true,
  ),
  ...scoped(
    'notices.withdraw',
    (id) => (r) =>
      as(r)('notices', 'withdraw', { noticeId: id, confirm: true, reason: '越权撤回' }),
    notices,
    CL,
    true,
  ),
  ...scoped(
    'notices.managed',
    (id) => (r) => as(r)('notices', 'managed', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  {
    action: 'notices.feed',
    target: 'own',
    run: (r) => as(r)('notices', 'feed', { page: 1 }),
    allowed: ALL,
  },
  {
    action: 'notices.unread',
    target: 'own',
    run: (r) => as(r)('notices', 'unread', {}),
    allowed: ALL,
  },
  // The first open by a reader of its audience is their receipt: a write.
  ...scoped(
    'notices.open',
    (id) => (r) => as(r)('notices', 'open', { noticeId: id }),
    notices,
    CLMR,
    true,
  ),
  ...scoped(
    'notices.reach',
    (pair) => (r) => as(r)('notices', 'reach', { ...noticeAnd(pair, 'gridId'), page: 1 }),
    noticePairs(IN, OUT, `n-nowhere|${IN}`),
    CLM,
  ),
  ...scoped(
    'notices.unreached',
    (pair) => (r) => as(r)('notices', 'unreached', { ...noticeAnd(pair, 'gridId'), page: 1 }),
    noticePairs(IN, OUT, `n-nowhere|${IN}`),
    CLM,
  ),
  ...scoped(
    'notices.remindUnread',
    (pair) => (r) => as(r)('notices', 'remindUnread', noticeAnd(pair, 'gridId')),
    noticePairs(IN, OUT, `n-nowhere|${IN}`),
    CLM,
    true,
  ),
  ...scoped(
    'notices.markReached',
    (pair) => (r) =>
      as(r)('notices', 'markReached', { ...noticeAnd(pair, 'householdId'), way: 'call' }),
    noticePairs(OWN_HOUSEHOLD, OTHER_HOUSEHOLD, `n-nowhere|${OWN_HOUSEHOLD}`),
    CLM,
    true,
  ),
  // reports
  ...scoped(
    'reports.submit',
    (id) => (r) => as(r)('reports', 'submit', { personId: id, temperature: 36.5, symptoms: [] }),
    people,
    CLMR,
    true,
  ),
  ...scoped(
    'reports.today',
    (id) => (r) => as(r)('reports', 'today', { personId: id }),
    people,
    CLMR,
  ),
  ...scoped(
    'reports.missing',
    (id) => (r) => as(r)('reports', 'missing', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped(
    'reports.remind',
    (id) => (r) => as(r)('reports', 'remind', { gridId: id }),
    grids,
    CLM,
    true,
  ),
  // errands
  ...scoped(
    'errands.request',
    (id) => (r) => as(r)('errands', 'request', { personId: id, request: groceries }),
    people,
    CLMR,
    true,
  ),
  ...errandProbes(),
  {
    action: 'errands.pool',
    target: 'own nodes',
    run: (r) => as(r)('errands', 'pool', { page: 1 }),
    allowed: ['leader', 'member'],
  },
  {
    action: 'errands.mine',
    target: 'own',
    run: (r) => as(r)('errands', 'mine', { page: 1 }),
    allowed: ALL,
  },
  {
    action: 'errands.claims',
    target: 'own',
    run: (r) => as(r)('errands', 'claims', { page: 1 }),
    allowed: ALL,
  },
  {
    action: 'errands.record',
    target: 'own',
    run: (r) => as(r)('errands', 'record', {}),
    allowed: ALL,
  },
  {
    action: 'errands.settings',
    target: 'everyone',
    run: (r) => as(r)('errands', 'settings', {}),
    allowed: ALL,
  },
  {
    action: 'errands.configure',
    target: 'everywhere',
    run: (r) => as(r)('errands', 'configure', { maxActiveClaims: 9, claimTimeoutMinutes: 15 }),
    allowed: C,
    writes: true,
  },
  ...scoped(
    'errands.subtree',
    (id) => (r) => as(r)('errands', 'subtree', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  // dashboard
  ...scoped(
    'dashboard.node',
    (id) => (r) => as(r)('dashboard', 'node', { gridId: id }),
    grids,
    CLM,
  ),
  ...scoped(
    'dashboard.children',
    (id) => (r) => as(r)('dashboard', 'children', { gridId: id, day: today(), page: 1 }),
    grids,
    CLM,
  ),
  ...scoped(
    'dashboard.trend',
    (id) => (r) => as(r)('dashboard', 'trend', { gridId: id }),
    grids,
    CLM,
  ),
  ...scoped(
    'dashboard.alerts',
    (id) => (r) => as(r)('dashboard', 'alerts', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped(
    'dashboard.refresh',
    (id) => (r) => as(r)('dashboard', 'refresh', { gridId: id }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'dashboard.export',
    (id) => (r) =>
      as(r)('dashboard', 'export', { gridId: id, day: today(), exportId: 'x-probe-0001' }),
    grids,
    CL,
    true,
  ),
  {
    action: 'dashboard.exportStatus',
    target: "the leader's export",
    run: (r) => as(r)('dashboard', 'exportStatus', { exportId: LEADER_EXPORT }),
    allowed: CL,
  },
  {
    action: 'dashboard.exportStatus',
    target: 'missing',
    run: (r) => as(r)('dashboard', 'exportStatus', { exportId: NO_EXPORT }),
    allowed: [],
    missing: true,
    like: "the leader's export",
  },
  {
    action: 'dashboard.unread',
    target: 'own',
    run: (r) => as(r)('dashboard', 'unread', {}),
    allowed: ALL,
  },
  // 卡口 log: counts for staff over the site or node; the export for leaders over the site
  ...scoped(
    'checkpoints.counts',
    (id) => (r) => as(r)('checkpoints', 'counts', { siteId: id, ...logDays() }),
    gateSites,
    CLM,
  ),
  ...scoped(
    'checkpoints.counts',
    (id) => (r) => as(r)('checkpoints', 'counts', { gridId: id, ...logDays() }),
    grids,
    CLM,
  ).map((p) => ({ ...p, target: `node ${p.target}`, like: p.like && `node ${p.like}` })),
  ...scoped(
    'checkpoints.exportLog',
    (id) => (r) => as(r)('checkpoints', 'exportLog', { siteId: id, ...logDays() }),
    gateSites,
    CL,
    true,
  ),
  // 卡口 rota: sites and plans (run: leaders over the site), sign-up and duty (confirmed staff)
  ...scoped(
    'checkpoints.createSite',
    (id) => (r) =>
      as(r)('checkpoints', 'createSite', {
        gridId: id,
        key: 'probe-site-new',
        name: '探查卡口',
        kind: 'road',
        place: '路口北侧',
        plan: [{ start: '08:00', end: '20:00', need: 1 }],
      }),
    grids,
    CL,
    true,
  ),
  ...scoped(
    'checkpoints.sites',
    (id) => (r) => as(r)('checkpoints', 'sites', { gridId: id, page: 1 }),
    grids,
    CLM,
  ),
  ...scoped(
    'checkpoints.site',
    (id) => (r) => as(r)('checkpoints', 'site', { siteId: id }),
    sites,
    CLM,
  ),
  ...scoped(
    'checkpoints.editSite',
    (id) => (r) => as(r)('checkpoints', 'editSite', { siteId: id, place: '村口西侧' }),
    sites,
    CL,
    true,
  ),
  ...scoped(
    'checkpoints.renewQr',
    (id) => (r) => as(r)('checkpoints', 'renewQr', { siteId: id, confirm: true }),
    sites,
    CL,
    true,
  ),
  ...scoped(
    'checkpoints.closeSite',
    (id) => (r) => as(r)('checkpoints', 'closeSite', { siteId: id, confirm: true }),
    sites,
    CL,
    true,
  ),
  ...scoped(
    'checkpoints.rota',
    (id) => (r) => as(r)('checkpoints', 'rota', { siteId: id }),
    sites,
    CLM,
  ),
  ...scoped(
    'checkpoints.uncovered',
    (id) => (r) => as(r)('checkpoints', 'uncovered', { gridId: id, page: 1 }),
    grids,
    CL,
  ),
  ...scoped(
    'checkpoints.signUp',
    (id) => (r) => as(r)('checkpoints', 'signUp', { shiftId: id }),
    shifts,
    CLM,
    true,
  ),
  ...scoped(
    'checkpoints.leave',
    (id) => (r) => as(r)('checkpoints', 'leave', { shiftId: id, confirm: true }),
    shifts,
    CLM,
    true,
  ),
  ...scoped(
    'checkpoints.fill',
    (id) => (r) => as(r)('checkpoints', 'fill', { shiftId: id, openid: ROLES.member }),
    shifts,
    CL,
    true,
  ),
  ...scoped(
    'checkpoints.unfill',
    (id) => (r) =>
      as(r)('checkpoints', 'unfill', { shiftId: id, openid: ROLES.member, confirm: true }),
    shifts,
    CL,
    true,
  ),
  ...scoped(
    'checkpoints.staffLoad',
    (id) => (r) => as(r)('checkpoints', 'staffLoad', { siteId: id }),
    sites,
    CL,
  ),
  {
    action: 'checkpoints.myShifts',
    target: 'own',
    run: (r) => as(r)('checkpoints', 'myShifts', { page: 1 }),
    allowed: ALL,
  },
  ...scoped(
    'checkpoints.checkIn',
    (id) => (r) => as(r)('checkpoints', 'checkIn', { shiftId: id }),
    shifts,
    CLM,
    true,
  ),
  ...scoped(
    'checkpoints.checkOut',
    (id) => (r) => as(r)('checkpoints', 'checkOut', { shiftId: id }),
    shifts,
    CLM,
    true,
  ),
  // Audited, so allowed calls are writes; a member may call only the others on their own shift.
  ...scoped(
    'checkpoints.callCrew',
    (id) => (r) => as(r)('checkpoints', 'callCrew', { shiftId: id, openid: ROLES.member }),
    shifts,
    CL,
    true,
  ),
  // end 卡口 rota
  // 卡口 gate (duty: confirmed staff over the site; the fevers list: leaders; the QR form: anyone)
  {
    action: 'checkpoints.pass',
    target: 'own',
    run: (r) => as(r)('checkpoints', 'pass', {}),
    allowed: ['resident'],
    // The first pass makes the signing key.
    writes: true,
  },
  {
    action: 'checkpoints.pass',
    target: 'someone of another household',
    run: (r) => as(r)('checkpoints', 'pass', { personId: OTHER_PERSON }),
    allowed: [],
  },
  ...scoped(
    'checkpoints.findResident',
    (id) => (r) => as(r)('checkpoints', 'findResident', { siteId: id, name: '王' }),
    gateSites,
    CLM,
  ),
  {
    action: 'checkpoints.outsiderSite',
    target: "the site's QR",
    run: (r) => as(r)('checkpoints', 'outsiderSite', { siteId: GATE_SITE_IN, token: GATE_TOKEN }),
    allowed: ALL,
  },
  {
    action: 'checkpoints.outsiderSite',
    target: 'a site that does not exist',
    run: (r) => as(r)('checkpoints', 'outsiderSite', { siteId: 'cs-nowhere', token: GATE_TOKEN }),
    allowed: [],
  },
  {
    action: 'checkpoints.outsiderSite',
    target: 'a wrong token',
    run: (r) => as(r)('checkpoints', 'outsiderSite', { siteId: GATE_SITE_IN, token: 'guessed' }),
    allowed: [],
  },
  ...(['right', 'wrong'] as const).map((which): Probe => ({
    action: 'checkpoints.outsiderSubmit',
    target: `a ${which} token`,
    run: (r) =>
      as(r)('checkpoints', 'outsiderSubmit', {
        siteId: GATE_SITE_IN,
        token: which === 'right' ? GATE_TOKEN : 'guessed',
        name: '外来人员',
        phone: '13912340011',
        fromCode: '440600',
        fromName: '广东省佛山市',
        destAddress: '越权路1号',
        purpose: '探亲',
        staying: false,
      }),
    allowed: which === 'right' ? ALL : [],
    writes: true,
  })),
  ...scoped(
    'checkpoints.outsiderWaiting',
    (id) => (r) => as(r)('checkpoints', 'outsiderWaiting', { siteId: id, page: 1 }),
    gateSites,
    CLM,
  ),
  ...scoped(
    'checkpoints.log',
    (id) => (r) =>
      as(r)('checkpoints', 'log', {
        siteId: id,
        clientId: `probe-${r}`,
        kind: 'vehicle',
        direction: 'in',
        temperature: 36.5,
        vehicle: { plate: '粤E12345', passengers: 1 },
      }),
    gateSites,
    CLM,
    true,
  ),
  ...scoped(
    'checkpoints.annotate',
    (id) => (r) => as(r)('checkpoints', 'annotate', { entryId: id, text: '越权备注' }),
    gateEntries,
    CLM,
    true,
  ),
  ...scoped(
    'checkpoints.entries',
    (id) => (r) => as(r)('checkpoints', 'entries', { siteId: id, page: 1 }),
    gateSites,
    CLM,
  ),
  ...scoped(
    'checkpoints.fevers',
    (id) => (r) => as(r)('checkpoints', 'fevers', { gridId: id, page: 1 }),
    grids,
    CL,
  ),
  ...scoped(
    'checkpoints.revealOutsiderPhone',
    (id) => (r) => as(r)('checkpoints', 'revealOutsiderPhone', { entryId: id }),
    gateEntries,
    CLM,
    true,
  ),
];

/** Errands in each state: open, claimed and delivered (by 李志强) in scope, open out of scope. */
function errandProbes(): Probe[] {
  const errandIds = (inScope: keyof typeof fx) => ({
    get in() {
      return fx[inScope];
    },
    get out() {
      return fx.outErrand;
    },
    missing: NO_ERRAND,
  });
  // The claimer's own steps: nobody else may, the command centre included.
  const claimerOnly = (action: string, call: (id: string) => Run, writes: boolean) =>
    scoped(action, call, errandIds('claimedErrand'), ['member'], writes).map((p) =>
      p.target === 'out of scope' ? { ...p, allowed: [] } : p,
    );
  return [
    ...scoped(
      'errands.cancel',
      (id) => (r) =>
        as(r)('errands', 'cancel', { errandId: id, reason: '探查取消', confirm: true }),
      errandIds('openErrand'),
      // Not 李志强: a member of the node, but neither of the household nor its leader.
      ['command', 'leader', 'resident'],
      true,
    ),
    ...scoped(
      'errands.claim',
      (id) => (r) => as(r)('errands', 'claim', { errandId: id }),
      errandIds('openErrand'),
      CLM,
      true,
    ),
    ...claimerOnly(
      'errands.unclaim',
      (id) => (r) => as(r)('errands', 'unclaim', { errandId: id, reason: '探查放弃' }),
      true,
    ),
    ...claimerOnly(
      'errands.purchase',
      (id) => (r) =>
        as(r)('errands', 'purchase', {
          errandId: id,
          amount: 1,
          receiptFileId: `cloud://local.test/photos/${ROLES[r]}/${id}-receipt-probe.jpg`,
        }),
      true,
    ),
    ...claimerOnly(
      'errands.deliver',
      (id) => (r) =>
        as(r)('errands', 'deliver', {
          errandId: id,
          photoFileId: `cloud://local.test/photos/${ROLES[r]}/${id}-delivery-probe.jpg`,
        }),
      true,
    ),
    // The server names the claimer's photo paths; a path is all it answers.
    ...claimerOnly(
      'errands.photoTarget',
      (id) => (r) => as(r)('errands', 'photoTarget', { errandId: id, kind: 'receipt' }),
      false,
    ),
    // Every look at the contact is audited.
    ...claimerOnly(
      'errands.contact',
      (id) => (r) => as(r)('errands', 'contact', { errandId: id }),
      true,
    ),
    // 李志强 delivered it: he may not sign for it.
    ...scoped(
      'errands.confirm',
      (id) => (r) => as(r)('errands', 'confirm', { errandId: id, reason: '代为确认收货' }),
      errandIds('deliveredErrand'),
      ['command', 'leader', 'resident'],
      true,
    ),
  ];
}

/** Actions that take no record to look up: their one probe is the caller's own. */
const UNSCOPED = new Set([
  'grids.children',
  'grids.create',
  'members.join',
  'households.mine',
  'households.join',
  // The caller's own request, found by who they are: there is no id to probe with.
  'households.myRequest',
  'households.withdraw',
  // The environment as a whole: no record to look up.
  'setup.status',
  'setup.claim',
  'setup.levels',
  'setup.commanders',
  'setup.rules',
  'setup.saveRules',
  'setup.clinics',
  'setup.saveClinics',
  'setup.grantCommand',
  'setup.revokeCommand',
  'errands.pool',
  'errands.mine',
  'errands.claims',
  'errands.record',
  'errands.settings',
  'errands.configure',
  'dashboard.exportStatus',
  'dashboard.unread',
  // The caller's own lists, found by who they are.
  'contacts.mine',
  'contacts.cared',
  'contacts.family',
  'contacts.callStaff',
  // The caller's own notices, found by who they are.
  'notices.feed',
  'notices.unread',
  'checkpoints.myShifts',
  // 卡口 gate: a pass is of the caller's own household; the QR form is open to anyone who holds
  // the site's token, a wrong one and a site that does not exist refused alike.
  'checkpoints.pass',
  'checkpoints.outsiderSite',
  'checkpoints.outsiderSubmit',
]);

describe('the matrix covers every action', () => {
  const actions = Object.entries(ACTION_SCHEMAS).flatMap(([router, schemas]) =>
    Object.keys(schemas).map((a) => `${router}.${a}`),
  );
  it.each(actions)('%s has probes, in and out of scope and missing where it looks one up', (a) => {
    const targets = probes.filter((p) => p.action === a).map((p) => p.target);
    expect(targets.length).toBeGreaterThan(0);
    if (!UNSCOPED.has(a))
      expect(targets).toEqual(expect.arrayContaining(['in scope', 'out of scope', 'missing']));
  });
});

const cases = probes.flatMap((probe) =>
  ROLE_NAMES.filter((role) => !(probe.writes && probe.allowed.includes(role))).map(
    (role) => [`${probe.action} ${probe.target}: ${role}`, probe, role] as const,
  ),
);

describe('each role on each action: allowed reads answer, refusals change nothing', () => {
  it.each(cases)('%s', async (_name, probe, role) => {
    const before = snapshot();
    const result = await probe.run(role);
    if (probe.allowed.includes(role)) {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    if (probe.missing && role === 'command') {
      expect(result).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    } else {
      expect(result).toMatchObject({ ok: false, code: probe.refusal ?? 'FORBIDDEN' });
      // Nothing of the record in the answer.
      expect(Object.keys(result).sort()).toEqual(['code', 'message', 'ok']);
    }
    const after = snapshot();
    if (probe.tallies) {
      const [was, now] = [before[probe.tallies], after[probe.tallies]];
      expect((now?.count ?? 0) - (was?.count ?? 0)).toBeLessThanOrEqual(1);
      delete before[probe.tallies];
      delete after[probe.tallies];
    }
    expect(after).toEqual(before);
    const twin =
      probe.like && probes.find((p) => p.action === probe.action && p.target === probe.like);
    if (twin && role !== 'command' && !twin.allowed.includes(role)) {
      // A record that does not exist answers exactly like one out of reach.
      expect(await twin.run(role)).toEqual(result);
    }
  });
});

const errandDoc = (id: string) =>
  server.emulator.store.getById(server.emulator.store.db, COLLECTIONS.errands, id)?.doc;
const auditOf = (action: string, target: string) =>
  [...server.emulator.store.candidates(server.emulator.store.db, COLLECTIONS.auditLog, undefined)]
    .map((c) => c.doc)
    .filter((d) => d['action'] === action && d['target'] === target);

/** Database calls the emulator has served so far. */
async function databaseCalls(): Promise<number> {
  const reply = await fetch(`${server.url}/_emulator/stats`);
  const { actions } = (await reply.json()) as { actions: Record<string, number> };
  return Object.entries(actions)
    .filter(([name]) => name.startsWith('database.'))
    .reduce((n, [, count]) => n + count, 0);
}

describe('a caller who could never hold the permission is refused before any lookup', () => {
  const refusedEarly: [string, () => Promise<FunctionResult<unknown>>][] = [
    [
      'resident on a class change',
      () =>
        as('resident')('returns', 'override', { personId: FAMILY, class: 'key', reason: '探查' }),
    ],
    [
      'member on 解除异常',
      () => as('member')('returns', 'resolve', { personId: FAMILY, reason: '探查一下' }),
    ],
    ['resident on a node', () => as('resident')('grids', 'detail', { gridId: IN })],
    [
      'resident revoking an invite',
      () => as('resident')('members', 'revoke', { code: fx.inviteIn, confirm: true }),
    ],
    [
      'newcomer revealing an ID number',
      () => as('newcomer')('people', 'reveal', { personId: SELF, field: 'idNumber' }),
    ],
    [
      'newcomer confirming an errand',
      () => as('newcomer')('errands', 'confirm', { errandId: fx.deliveredErrand }),
    ],
    [
      "resident on a claimer's step",
      () => as('resident')('errands', 'contact', { errandId: fx.claimedErrand }),
    ],
    ['member refreshing the 日报', () => as('member')('dashboard', 'refresh', { gridId: IN })],
  ];
  it.each(refusedEarly)('%s: only who they are is read', async (_name, run) => {
    const before = await databaseCalls();
    expect(await run()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // The caller's user record and memberships, nothing of the target.
    expect((await databaseCalls()) - before).toBe(2);
  });
});

describe('settling an errand: its household, or a leader on its behalf with a reason', () => {
  const delivered = async () => {
    const id = await requestFor('resident', SELF);
    const volunteer = as('member');
    dataOf(await volunteer('errands', 'claim', { errandId: id }));
    dataOf(
      await volunteer('errands', 'purchase', {
        errandId: id,
        amount: 12,
        receiptFileId: await errandPhotoId(volunteer, id, 'receipt'),
      }),
    );
    dataOf(
      await volunteer('errands', 'deliver', {
        errandId: id,
        photoFileId: await errandPhotoId(volunteer, id, 'delivery'),
      }),
    );
    return id;
  };

  it('the volunteer who delivered cannot confirm receipt himself, nor cancel an open errand', async () => {
    const id = await delivered();
    const open = await requestFor('resident', SELF);
    const before = snapshot();
    expect(await as('member')('errands', 'confirm', { errandId: id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(
      await as('member')('errands', 'cancel', {
        errandId: open,
        reason: '不想跑了',
        confirm: true,
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(snapshot()).toEqual(before);
  });

  it('the resident confirms without a reason', async () => {
    const id = await delivered();
    expect(dataOf(await as('resident')('errands', 'confirm', { errandId: id }))).toMatchObject({
      status: 'confirmed',
    });
    expect(auditOf('errand.confirm', id)).toEqual([
      expect.not.objectContaining({ detail: expect.anything() }),
    ]);
  });

  it('a leader must give a reason, and the confirmation is audited with it', async () => {
    const id = await delivered();
    const before = snapshot();
    expect(await as('leader')('errands', 'confirm', { errandId: id })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(snapshot()).toEqual(before);
    dataOf(await as('leader')('errands', 'confirm', { errandId: id, reason: '电话核实已收到' }));
    expect(auditOf('errand.confirm', id)).toEqual([
      expect.objectContaining({
        actor: ROLES.leader,
        detail: { reason: '电话核实已收到', onBehalf: true },
      }),
    ]);
    expect(errandDoc(id)?.['history']).toContainEqual(
      expect.objectContaining({ action: 'confirm', by: ROLES.leader, reason: '电话核实已收到' }),
    );
  });

  it("a leader cancels a resident's open errand on their behalf, audited as such", async () => {
    const id = await requestFor('resident', SELF);
    dataOf(
      await as('leader')('errands', 'cancel', {
        errandId: id,
        reason: '居民已住院',
        confirm: true,
      }),
    );
    expect(auditOf('errand.cancel', id)).toEqual([
      expect.objectContaining({
        actor: ROLES.leader,
        detail: { reason: '居民已住院', onBehalf: true },
      }),
    ]);
  });
});

describe('a claim refused by the limit writes nothing', () => {
  it('leaves the errand, its history and the volunteer counter untouched', async () => {
    // 李志强 holds the matrix's claimed errand; two more reach the default limit of 3.
    const held = await Promise.all([requestFor('resident', SELF), requestFor('resident', SELF)]);
    for (const errandId of held) dataOf(await as('member')('errands', 'claim', { errandId }));
    const extra = await requestFor('resident', SELF);
    const before = snapshot();
    const errandBefore = errandDoc(extra);
    for (let i = 0; i < 3; i += 1) {
      expect(await as('member')('errands', 'claim', { errandId: extra })).toEqual({
        ok: false,
        code: 'CONFLICT',
        message: '您已有 3 个进行中的跑腿单，请先完成再认领',
      });
    }
    expect(errandDoc(extra)).toEqual(errandBefore);
    expect(errandDoc(extra)?.['history']).toHaveLength(1);
    expect(snapshot()).toEqual(before);
    // Freed again, so other tests' volunteer is as it was.
    for (const errandId of held)
      dataOf(await as('member')('errands', 'unclaim', { errandId, reason: '测试结束' }));
  });
});

describe('a resident cannot tell who exists outside their household', () => {
  it.each([
    [
      'people.reveal',
      (id: string) => as('resident')('people', 'reveal', { personId: id, field: 'phone' }),
    ],
    [
      'returns.override',
      (id: string) =>
        as('resident')('returns', 'override', { personId: id, class: 'key', reason: '探查' }),
    ],
    [
      'returns.resolve',
      (id: string) => as('resident')('returns', 'resolve', { personId: id, reason: '探查一下' }),
    ],
    [
      'returns.assignCarer',
      (id: string) =>
        as('resident')('returns', 'assignCarer', { personId: id, openid: ROLES.member }),
    ],
  ])(
    '%s: someone observed out of scope and nobody at all get the same FORBIDDEN',
    async (_a, run) => {
      const observedElsewhere = await run(OTHER_PERSON);
      expect(observedElsewhere).toEqual({
        ok: false,
        code: 'FORBIDDEN',
        message: '您没有权限进行此操作',
      });
      expect(await run(NOBODY)).toEqual(observedElsewhere);
    },
  );

  it('a leader is told a person in scope has no observation, but not about anyone else', async () => {
    const override = (id: string) =>
      as('leader')('returns', 'override', { personId: id, class: 'key', reason: '核实' });
    expect(await override(SELF)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await override(NOBODY)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await override(OTHER_PERSON)).toEqual(await override(NOBODY));
  });
});

describe("inside a household: one's own details and those one registered, masked for the rest", () => {
  it("reveals her own ID number and her mother's (registered by her), not her husband's", async () => {
    const reveal = (personId: string) =>
      as('resident')('people', 'reveal', { personId, field: 'idNumber' });
    expect(dataOf(await reveal(SELF)).value).toMatch(/^\d{17}[\dX]$/);
    expect(dataOf(await reveal(PROXIED)).value).toMatch(/^\d{17}[\dX]$/);
    const before = snapshot();
    expect(await reveal(FAMILY)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '您没有权限进行此操作',
    });
    expect(snapshot()).toEqual(before);
  });

  it('the household view offers reveal exactly where the policy allows it', async () => {
    const household = dataOf(await as('resident')('households', 'mine', {}));
    const rights = Object.fromEntries(household?.people.map((p) => [p.id, p.reveal]) ?? []);
    expect(rights).toEqual({
      [SELF]: { idNumber: true, phone: true },
      [FAMILY]: { idNumber: false, phone: false },
      [PROXIED]: { idNumber: true, phone: true },
    });
    const seenByMember = dataOf(await as('member')('grids', 'households', { gridId: IN, page: 1 }));
    const own = seenByMember.items.find((h) => h.id === OWN_HOUSEHOLD);
    expect(own?.people.every((p) => p.reveal?.phone === true && p.reveal.idNumber === false)).toBe(
      true,
    );
  });
});

describe('what the detail page offers matches the policy', () => {
  const can = async (role: RoleName, gridId: string) => {
    const result = await as(role)('grids', 'detail', { gridId });
    return result.ok ? result.data.can : result.code;
  };

  it('a leader manages their own node but restructures only below it; a member reads and calls', async () => {
    expect(await can('leader', 'g-shatou')).toEqual({
      manage: true,
      restructure: false,
      invite: true,
      readHouseholds: true,
      registerPeople: true,
      revealPhone: true,
      revealIdNumber: true,
    });
    expect(await can('leader', IN)).toMatchObject({ restructure: true });
    expect(await can('member', IN)).toEqual({
      manage: false,
      restructure: false,
      invite: false,
      readHouseholds: true,
      registerPeople: true,
      revealPhone: true,
      revealIdNumber: false,
    });
  });

  it('nobody removes themselves, and the refusal writes nothing', async () => {
    const before = snapshot();
    expect(
      await as('leader')('members', 'remove', {
        gridId: 'g-shatou',
        openid: ROLES.leader,
        confirm: true,
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT', message: '不能移除自己，请由上级网格长办理' });
    // Nor the command centre, who may remove anyone anywhere else.
    expect(
      await as('command')('members', 'remove', {
        gridId: 'g-jiujiang',
        openid: ROLES.command,
        confirm: true,
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(snapshot()).toEqual(before);
    // Still the leader, still a member: the team page lists him, marked as the caller.
    const detail = dataOf(await as('leader')('grids', 'detail', { gridId: 'g-shatou' }));
    expect(detail.node.leader?.name).toBe('陈建华');
    expect(detail.members.filter((m) => m.self).map((m) => m.openid)).toEqual([ROLES.leader]);
  });
});

describe('browsing', () => {
  it('each caller starts from their own nodes; the command centre from the town', async () => {
    const roots = async (role: RoleName) => {
      const result = await as(role)('grids', 'children', { parentId: null, page: 1 });
      return result.ok ? result.data.items.map((n) => n.name) : result.code;
    };
    expect(await roots('command')).toEqual(['九江镇']);
    expect(await roots('leader')).toEqual(['沙头社区']);
    expect(await roots('member')).toEqual(['第一经济社党支部']);
    expect(await roots('resident')).toEqual([]);
  });

  it('counts come from the materialised counters and match the data', async () => {
    const d = demoDeployment();
    const under = (id: string) => ({
      households: d.households.filter((h) => h.gridPath.includes(id)).length,
      people: d.people.filter((p) => p.gridPath.includes(id)).length,
      members: d.memberships.filter((m) => m.gridPath.includes(id)).length,
      nodes: d.grids.filter((g) => g.ancestors.includes(id)).length,
      // The matrix's own rental and enterprise on 沙头's first leaf.
      rentals: 1,
      enterprises: 1,
    });
    const result = await as('command')('grids', 'children', { parentId: 'g-jiujiang', page: 1 });
    const shatou = result.ok ? result.data.items.find((n) => n.id === 'g-shatou') : undefined;
    expect(shatou?.counts).toEqual(under('g-shatou'));
    expect(shatou?.leader).toEqual({ name: '陈建华', party: true });
    expect(shatou?.path).toEqual([{ id: 'g-jiujiang', name: '九江镇' }]);
  });
});

/**
 * The cloud database collections and their indexes: the list to create in the CloudBase console
 * (数据库 → 添加集合 → 索引管理) before deploying, and what the local emulator creates at start.
 */
export type IndexDirection = 1 | -1;

export interface IndexDeclaration {
  /** The index name as entered in the console. */
  name: string;
  /** Fields in priority order; a compound index only serves queries on its leading fields. */
  fields: readonly (readonly [path: string, direction: IndexDirection])[];
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  indexes: readonly IndexDeclaration[];
}

export const COLLECTIONS = {
  /** One document per WeChat user, `_id` = OPENID. */
  users: 'users',
  /** Grid tree nodes (镇/村/经济社支部/户联系组 …) with their materialised ancestor path. */
  grids: 'grids',
  /** A user's place in a node: leader, member, support or volunteer; `_id` = `${gridId}:${openid}`. */
  memberships: 'memberships',
  /** Households on leaf nodes; `code` is printed on the door for residents to join. */
  households: 'households',
  /** Residents, with ID number and phone masked; the full values live only in personSecrets. */
  people: 'people',
  /** Full ID numbers and phones, `_id` = person id; read only by the audited reveal. */
  personSecrets: 'personSecrets',
  /**
   * Requests to join a household by its door code, one per applicant (`_id` = `jr-` + a digest of
   * the OPENID): pending until a household member or the node's leader decides.
   */
  joinRequests: 'joinRequests',
  /**
   * Wrong door codes per person and China day (`_id` = `${openid}:${day}`): after a few, trying
   * more codes waits until tomorrow, so codes cannot be guessed one after another.
   */
  codeAttempts: 'codeAttempts',
  /** Invite codes per node and role, `_id` = the code. */
  invites: 'invites',
  /** Every write and every reveal: who, what, when, on which node. */
  auditLog: 'auditLog',
  /**
   * Deployment settings: level names ('deployment'), classification rules ('classification'), the
   * errand limits ('errands', set by the command centre in 跑腿设置).
   */
  settings: 'settings',
  /** Return registrations (返乡登记), `_id` = `${personId}:${arrivalDay}`: resubmitting updates. */
  returns: 'returns',
  /** Home observations, one per person (`_id` = person id), with their state machine. */
  observations: 'observations',
  /** Daily health reports, `_id` = `${personId}:${chinaDay}`: one per person per China day. */
  healthReports: 'healthReports',
  /** One reminder per person per China day (`_id` = `${personId}:${day}`): by message, or a call. */
  reminders: 'reminders',
  /** Errands (跑腿代购) with their state machine. */
  errands: 'errands',
  /** Each volunteer's count of active claims, `_id` = OPENID: the claim limit is enforced on it. */
  volunteerLoads: 'volunteerLoads',
  /** Daily reports, one per node per computing run, `_id` = `${runId}:${gridId}`. */
  dailyReports: 'dailyReports',
  /** One per China day (`_id` = the day): which run's reports are that day's report. */
  reportDays: 'reportDays',
  /** One per leader, node and day (`_id` = `${day}:${gridId}:${openid}`): the report was sent. */
  reportNotices: 'reportNotices',
  /** Excel exports in progress and done, `_id` = the client's export id. */
  exports: 'exports',
  /**
   * 导入登记表: one per uploaded register (`_id` = the import id): who, where, the preview's counts
   * and errors, and how far the commit has come.
   */
  imports: 'imports',
  /**
   * A previewed import's parts (`_id` = `${importId}:${seq}`), committed one by one and removed
   * when the import is done; they hold full ID numbers and phones until then, like personSecrets.
   */
  importParts: 'importParts',
  /**
   * 出租屋 on leaf nodes: the place, rooms, the landlord (a person of the register, accountable for
   * it) and the tenants (people of the register with their lease dates).
   */
  rentals: 'rentals',
  /** 企业 on leaf nodes: 负责人 with the phone masked, workforce, 复工 status. */
  enterprises: 'enterprises',
  /** A 负责人's full phone, `_id` = enterprise id; read only by the audited reveal. */
  enterpriseSecrets: 'enterpriseSecrets',
  /**
   * 洗楼 / 排查 campaigns under a node (`_id` = `c-` + a digest of the leader and the form's key,
   * so a retried start finds the same one): rounds, the checklist, the round under way.
   */
  campaigns: 'campaigns',
  /** Who visits which target, one per target per campaign (`_id` = `${campaignId}:${targetId}`). */
  campaignAssignments: 'campaignAssignments',
  /**
   * A target's outcome in one round, one per target per round (`_id` =
   * `${campaignId}:${round}:${targetId}`), with every knock on the door (each by its client id).
   */
  visits: 'visits',
  /**
   * 已处理 alerts: one per resolution (`_id` = `${personId}:${history index}`), with the reading
   * that raised it and the leader's check, kept after the observation moves on.
   */
  resolvedAlerts: 'resolvedAlerts',
  /**
   * 责任书 signed at rentals and enterprises, one per target per campaign (`_id` =
   * `${campaignId}:${targetId}`): signer, the text's digest, the signature's file, when.
   */
  pledges: 'pledges',
  /**
   * 卡口 sites under a node (`_id` = `cs-` + a digest of the leader and the form's key, so a
   * retried create finds the same one): kind, place, the shift plan, the QR outsiders scan.
   */
  checkpointSites: 'checkpointSites',
  /**
   * A site's shift on a China day (`_id` = `${siteId}:${day}:${plan index}`): when, how many it
   * needs, the crew (who signed up or was put there, and when each checked in and out).
   */
  checkpointShifts: 'checkpointShifts',
  /**
   * The gate's log, one per passage (`_id` = `${siteId}:${clientId}`, so a retry records nothing
   * new): who, which way, the temperature, 放行 or 劝返; never edited, only annotated.
   */
  checkpointEntries: 'checkpointEntries',
  /**
   * What an outsider filled in on their own phone after scanning the site's QR, waiting for a
   * member at the gate to confirm it with the temperature; the phone is masked here.
   */
  outsiderForms: 'outsiderForms',
  /** An outsider's full phone, `_id` = the form's id; read only by the audited reveal. */
  outsiderSecrets: 'outsiderSecrets',
  /** 通行码 used at a gate (`_id` = the pass's nonce): a pass is good for one entry only. */
  passUses: 'passUses',
  /**
   * 通知公告 (`_id` = `n-` + a digest of the author and the form's key): drafts, published and
   * withdrawn notices on a node, for its subtree.
   */
  notices: 'notices',
  /** A reader's first open of a notice, `_id` = `${noticeId}:${openid}`: counted once. */
  noticeReceipts: 'noticeReceipts',
  /**
   * A household a notice reached (`_id` = `${noticeId}:${householdId}`), the first way it did:
   * read by someone of it, or told at the door or by phone.
   */
  noticeReach: 'noticeReach',
  /** A resident reminded of a notice (`_id` = `${noticeId}:${openid}`): never twice. */
  noticeReminders: 'noticeReminders',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

const index = (name: string, ...fields: [string, IndexDirection][]): IndexDeclaration => ({
  name,
  fields,
});
const uniqueIndex = (name: string, ...fields: [string, IndexDirection][]): IndexDeclaration => ({
  ...index(name, ...fields),
  unique: true,
});

export const COLLECTION_DECLARATIONS: readonly CollectionDeclaration[] = [
  {
    name: COLLECTIONS.users,
    indexes: [
      index('gridId_1', ['gridId', 1]),
      // Multikey on the materialised path: everyone in a subtree is one indexed query.
      index('gridPath_1', ['gridPath', 1]),
      index('householdId_1', ['householdId', 1]),
      // The command centre's own list of who else is 指挥部.
      index('command_1', ['command', 1]),
    ],
  },
  {
    name: COLLECTIONS.grids,
    indexes: [
      index('parentId_1_name_1', ['parentId', 1], ['name', 1]),
      index('ancestors_1', ['ancestors', 1]),
    ],
  },
  {
    name: COLLECTIONS.memberships,
    indexes: [
      index('gridId_1', ['gridId', 1]),
      index('openid_1', ['openid', 1]),
      index('gridPath_1', ['gridPath', 1]),
    ],
  },
  {
    name: COLLECTIONS.households,
    indexes: [
      index('gridId_1_address_1', ['gridId', 1], ['address', 1]),
      index('gridPath_1', ['gridPath', 1]),
      index('searchKeys_1', ['searchKeys', 1]),
      // The searchIndexSweep: records whose keys are missing or made by an older scheme.
      index('searchKeysVersion_1', ['searchKeysVersion', 1]),
      { name: 'code_1', fields: [['code', 1]], unique: true },
      // 我联系的住户: a party member's households.
      index('contact.openid_1', ['contact.openid', 1]),
    ],
  },
  {
    name: COLLECTIONS.people,
    indexes: [
      index('householdId_1', ['householdId', 1]),
      index('gridPath_1', ['gridPath', 1]),
      index('searchKeys_1', ['searchKeys', 1]),
      // The searchIndexSweep: records whose keys are missing or made by an older scheme.
      index('searchKeysVersion_1', ['searchKeysVersion', 1]),
      index('openid_1', ['openid', 1]),
    ],
  },
  // An import finds a person by their ID number here: the only lookup by a full value.
  { name: COLLECTIONS.personSecrets, indexes: [index('idNumber_1', ['idNumber', 1])] },
  {
    name: COLLECTIONS.joinRequests,
    indexes: [
      index('householdId_1_status_1', ['householdId', 1], ['status', 1]),
      index('gridPath_1', ['gridPath', 1]),
    ],
  },
  { name: COLLECTIONS.codeAttempts, indexes: [] },
  { name: COLLECTIONS.invites, indexes: [index('gridId_1', ['gridId', 1])] },
  {
    name: COLLECTIONS.auditLog,
    indexes: [index('gridPath_1', ['gridPath', 1]), index('actor_1', ['actor', 1])],
  },
  { name: COLLECTIONS.settings, indexes: [] },
  {
    name: COLLECTIONS.returns,
    indexes: [
      index('gridPath_1', ['gridPath', 1]),
      index('personId_1', ['personId', 1]),
      // The daily report counts the day's arrivals.
      index('declaration.arrivalDay_1', ['declaration.arrivalDay', 1]),
    ],
  },
  {
    name: COLLECTIONS.observations,
    indexes: [
      index('gridPath_1', ['gridPath', 1]),
      index('status_1_endDay_1', ['status', 1], ['endDay', 1]),
      // 我照看的居家观察对象: a 关爱协管员's people.
      index('care.carer.openid_1', ['care.carer.openid', 1]),
    ],
  },
  {
    name: COLLECTIONS.healthReports,
    indexes: [
      index('day_1', ['day', 1]),
      // The daily report counts the day's abnormal reports without reading the normal ones.
      index('day_1_abnormal_1', ['day', 1], ['abnormal', 1]),
      index('personId_1', ['personId', 1]),
      index('gridPath_1', ['gridPath', 1]),
    ],
  },
  {
    name: COLLECTIONS.reminders,
    indexes: [index('day_1', ['day', 1]), index('gridPath_1', ['gridPath', 1])],
  },
  {
    name: COLLECTIONS.errands,
    indexes: [
      index('gridPath_1', ['gridPath', 1]),
      index('status_1', ['status', 1]),
      index('claimer.openid_1', ['claimer.openid', 1]),
      index('requesterOpenid_1', ['requesterOpenid', 1]),
      // The daily report counts the day's deliveries.
      index('deliveredAt_1', ['deliveredAt', 1]),
    ],
  },
  { name: COLLECTIONS.volunteerLoads, indexes: [] },
  {
    name: COLLECTIONS.dailyReports,
    indexes: [
      index('runId_1_parentId_1', ['runId', 1], ['parentId', 1]),
      index('day_1', ['day', 1]),
    ],
  },
  { name: COLLECTIONS.reportDays, indexes: [] },
  { name: COLLECTIONS.reportNotices, indexes: [index('openid_1', ['openid', 1])] },
  { name: COLLECTIONS.exports, indexes: [] },
  {
    name: COLLECTIONS.imports,
    indexes: [
      index('openid_1_gridId_1_createdAt_-1', ['openid', 1], ['gridId', 1], ['createdAt', -1]),
    ],
  },
  { name: COLLECTIONS.importParts, indexes: [index('importId_1', ['importId', 1])] },
  {
    name: COLLECTIONS.rentals,
    indexes: [
      // One rental per address on a node: of two made at once, the second is refused.
      uniqueIndex('gridId_1_address_1', ['gridId', 1], ['address', 1]),
      index('gridPath_1', ['gridPath', 1]),
      index('searchKeys_1', ['searchKeys', 1]),
      // A landlord's rentals, and the rental a tenant lives in.
      index('landlordId_1', ['landlordId', 1]),
      index('tenants.personId_1', ['tenants.personId', 1]),
    ],
  },
  {
    name: COLLECTIONS.enterprises,
    indexes: [
      // One enterprise of a name on a node.
      uniqueIndex('gridId_1_name_1', ['gridId', 1], ['name', 1]),
      index('gridPath_1', ['gridPath', 1]),
      index('searchKeys_1', ['searchKeys', 1]),
      // A node's list narrowed to one 复工 status.
      index('gridPath_1_status_1', ['gridPath', 1], ['status', 1]),
    ],
  },
  { name: COLLECTIONS.enterpriseSecrets, indexes: [] },
  {
    name: COLLECTIONS.campaigns,
    indexes: [
      // Campaigns under a caller's nodes, and those above that cover them.
      index('gridPath_1', ['gridPath', 1]),
      index('gridId_1', ['gridId', 1]),
    ],
  },
  {
    name: COLLECTIONS.campaignAssignments,
    indexes: [
      // A target removed from its register leaves its campaigns.
      index('targetId_1', ['targetId', 1]),
      // 我的走访: a member's targets in door order.
      index(
        'campaignId_1_assignee.openid_1_sortKey_1',
        ['campaignId', 1],
        ['assignee.openid', 1],
        ['sortKey', 1],
      ),
      // Coverage counts them per leaf; a leaf's doors list them.
      index('campaignId_1_gridPath_1', ['campaignId', 1], ['gridPath', 1]),
    ],
  },
  {
    name: COLLECTIONS.visits,
    indexes: [
      // A target removed from its register takes its visits with it.
      index('targetId_1', ['targetId', 1]),
      // Coverage per leaf for a round; a leaf's doors.
      index('campaignId_1_round_1_gridPath_1', ['campaignId', 1], ['round', 1], ['gridPath', 1]),
      // 回访队列: a member's doors nobody opened this round.
      index(
        'campaignId_1_round_1_assignee_1_outcome_1',
        ['campaignId', 1],
        ['round', 1],
        ['assignee', 1],
        ['outcome', 1],
      ),
      // 发现问题 waiting for the leader.
      index(
        'campaignId_1_outcome_1_followUp.status_1',
        ['campaignId', 1],
        ['outcome', 1],
        ['followUp.status', 1],
      ),
    ],
  },
  {
    name: COLLECTIONS.resolvedAlerts,
    // A node's 已处理 list, newest first.
    indexes: [index('gridPath_1_resolvedAt_-1', ['gridPath', 1], ['resolvedAt', -1])],
  },
  {
    name: COLLECTIONS.pledges,
    // Signed letters per leaf (coverage) and a leaf's doors.
    indexes: [
      index('campaignId_1_gridPath_1', ['campaignId', 1], ['gridPath', 1]),
      // A target removed from its register takes its letters with it.
      index('targetId_1', ['targetId', 1]),
    ],
  },
  {
    name: COLLECTIONS.checkpointSites,
    indexes: [index('gridPath_1', ['gridPath', 1]), index('gridId_1', ['gridId', 1])],
  },
  {
    name: COLLECTIONS.checkpointShifts,
    indexes: [
      // A site's rota for a range of days.
      index('siteId_1_day_1', ['siteId', 1], ['day', 1]),
      // Uncovered shifts per leaf on a day (日报) and under a node.
      index('gridPath_1_day_1', ['gridPath', 1], ['day', 1]),
      // 我的班次 and each member's hours this week.
      index('crew.openid_1_day_1', ['crew.openid', 1], ['day', 1]),
      // The reminder timer: shifts starting soon.
      index('startAt_1', ['startAt', 1]),
    ],
  },
  {
    name: COLLECTIONS.checkpointEntries,
    indexes: [
      // A site's log, newest first, and its export by day range.
      index('siteId_1_at_-1', ['siteId', 1], ['at', -1]),
      // Counts per leaf on a day (日报), and fevers under a node.
      index('gridPath_1_day_1', ['gridPath', 1], ['day', 1]),
      index('shiftId_1', ['shiftId', 1]),
    ],
  },
  {
    name: COLLECTIONS.outsiderForms,
    indexes: [
      // A gate's forms waiting to be confirmed.
      index('siteId_1_status_1_createdAt_-1', ['siteId', 1], ['status', 1], ['createdAt', -1]),
      index('openid_1', ['openid', 1]),
    ],
  },
  { name: COLLECTIONS.outsiderSecrets, indexes: [] },
  { name: COLLECTIONS.passUses, indexes: [] },
  {
    name: COLLECTIONS.notices,
    indexes: [
      // A reader's feed: published on their nodes, pinned then newest.
      index(
        'gridId_1_status_1_pinned_-1_publishedAt_-1',
        ['gridId', 1],
        ['status', 1],
        ['pinned', -1],
        ['publishedAt', -1],
      ),
      // A leader's list of the notices on or under a node.
      index('gridPath_1_createdAt_-1', ['gridPath', 1], ['createdAt', -1]),
      // The 日报's notices of the last days, whatever their node.
      index('status_1_publishedAt_-1', ['status', 1], ['publishedAt', -1]),
    ],
  },
  { name: COLLECTIONS.noticeReceipts, indexes: [index('noticeId_1', ['noticeId', 1])] },
  {
    name: COLLECTIONS.noticeReach,
    indexes: [
      // Reach per leaf under a node.
      index('noticeId_1_gridPath_1', ['noticeId', 1], ['gridPath', 1]),
      // Households not reached: joined by household.
      index('householdId_1', ['householdId', 1]),
    ],
  },
  { name: COLLECTIONS.noticeReminders, indexes: [index('openid_1', ['openid', 1])] },
];

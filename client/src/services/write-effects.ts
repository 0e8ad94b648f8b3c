import type { ActionName, RouterName } from '@gridguard/types';
import type { Topic } from './invalidation';

type WriteEffects = {
  readonly [R in RouterName]: { readonly [A in ActionName<R>]: readonly Topic[] };
};

/**
 * What each action changes, as the views see it: callAction marks these topics after the action
 * succeeds. Every action is listed (a read changes nothing: `[]`), so a new action does not
 * compile until someone decides which views it makes stale.
 */
export const WRITE_EFFECTS = {
  grids: {
    children: [],
    detail: [],
    create: ['grid'],
    // The caller's own node may be the one renamed or moved: its path is on home.
    rename: ['grid', 'identity', 'household'],
    move: ['grid', 'identity', 'household', 'health', 'errands'],
    remove: ['grid'],
    households: [],
    todos: [],
  },
  members: {
    invite: ['grid'],
    invites: [],
    revoke: ['grid'],
    join: ['identity', 'grid'],
    remove: ['grid', 'identity', 'contacts'],
    confirm: ['grid'],
  },
  households: {
    create: ['grid'],
    mine: [],
    // A request, or (an unambiguous listed record) a member at once.
    join: ['joinRequests', 'identity', 'household'],
    myRequest: [],
    requests: [],
    approve: ['joinRequests', 'household', 'grid'],
    reject: ['joinRequests'],
    withdraw: ['joinRequests'],
    addPerson: ['household', 'grid'],
  },
  // A reveal is audited but changes nothing anybody sees.
  people: { reveal: [] },
  returns: {
    declare: ['health'],
    override: ['health'],
    status: [],
    assignCarer: ['health', 'contacts'],
    list: [],
    resolve: ['health'],
    resolved: [],
    extend: ['health'],
    endEarly: ['health'],
  },
  errands: {
    request: ['errands'],
    cancel: ['errands'],
    pool: [],
    claim: ['errands'],
    unclaim: ['errands'],
    purchase: ['errands'],
    deliver: ['errands'],
    photoTarget: [],
    confirm: ['errands'],
    mine: [],
    claims: [],
    contact: [],
    subtree: [],
    record: [],
    settings: [],
    configure: ['errandSettings'],
  },
  reports: {
    // A fever report raises an alert and may escalate the observation.
    submit: ['health'],
    today: [],
    missing: [],
    remind: ['health'],
  },
  dashboard: {
    // Opening a node's report marks it read.
    node: ['unreadReports'],
    children: [],
    trend: [],
    alerts: [],
    refresh: ['daily'],
    export: [],
    exportStatus: [],
    unread: [],
  },
  setup: {
    status: [],
    claim: ['setup', 'identity', 'grid'],
    levels: ['setup', 'grid', 'identity'],
    rules: [],
    saveRules: ['setup'],
    clinics: [],
    saveClinics: ['setup'],
    commanders: [],
    grantCommand: ['setup', 'identity'],
    revokeCommand: ['setup', 'identity'],
  },
  imports: {
    template: [],
    uploadTarget: [],
    preview: ['imports'],
    commit: ['imports', 'grid', 'household', 'targets', 'daily'],
    pending: [],
    export: [],
  },
  register: {
    households: [],
    household: [],
    createHousehold: ['grid'],
    editHousehold: ['grid', 'household'],
    removeHousehold: ['grid', 'household', 'identity'],
    regenerateCode: ['grid', 'household'],
    addPerson: ['grid', 'household'],
    editPerson: ['grid', 'household', 'health'],
    removePerson: ['grid', 'household', 'health', 'identity'],
    movePerson: ['grid', 'household', 'health'],
  },
  search: { find: [] },
  contacts: {
    candidates: [],
    assign: ['contacts', 'grid', 'household'],
    mine: [],
    carers: [],
    cared: [],
    family: [],
    // Audited, but nothing anybody sees changes.
    callStaff: [],
  },
  targets: {
    rentals: [],
    rental: [],
    // Counted on the node's page (出租屋 N 处, 企业 N 家).
    createRental: ['targets', 'grid'],
    editRental: ['targets'],
    removeRental: ['targets', 'grid'],
    setTenants: ['targets'],
    enterprises: [],
    enterprise: [],
    createEnterprise: ['targets', 'grid'],
    editEnterprise: ['targets'],
    removeEnterprise: ['targets', 'grid'],
    revealEnterprisePhone: [],
  },
  campaigns: {
    start: ['campaigns'],
    list: [],
    detail: [],
    advance: ['campaigns'],
    close: ['campaigns'],
    assignOptions: [],
    assign: ['campaigns'],
    mine: [],
    target: [],
    // A fever found at the door is filed as the person's report.
    visit: ['campaigns', 'health'],
    revisits: [],
    coverage: [],
    members: [],
    doors: [],
    findings: [],
    closeFinding: ['campaigns'],
    // Names an upload path; nothing is stored until `sign`.
    signatureTarget: [],
    sign: ['campaigns'],
    pledge: [],
    // A file in storage and an audit entry: nothing a page shows.
    export: [],
  },
  notices: {
    createDraft: ['notices'],
    saveDraft: ['notices'],
    // Names an upload path; nothing is stored until the draft is saved.
    uploadTarget: [],
    publish: ['notices'],
    withdraw: ['notices'],
    managed: [],
    feed: [],
    unread: [],
    // The first open is a receipt: the unread mark and reach change.
    open: ['notices'],
    reach: [],
    unreached: [],
    markReached: ['notices'],
    // Messages sent and a slot per person: nothing a page counts.
    remindUnread: [],
  },
  checkpoints: {
    // 卡口 log: counts are read; the export is a file in storage and an audit entry.
    counts: [],
    exportLog: [],
    // 卡口 rota
    createSite: ['checkpoints'],
    sites: [],
    site: [],
    editSite: ['checkpoints'],
    closeSite: ['checkpoints'],
    renewQr: ['checkpoints'],
    // A read of the rota makes the shifts of days that came into its window: nothing shown changes.
    rota: [],
    uncovered: [],
    signUp: ['checkpoints'],
    leave: ['checkpoints'],
    fill: ['checkpoints'],
    unfill: ['checkpoints'],
    staffLoad: [],
    myShifts: [],
    checkIn: ['checkpoints'],
    checkOut: ['checkpoints'],
    // Audited, nothing shown changes.
    callCrew: [],
    // 卡口 gate
    pass: [],
    findResident: [],
    outsiderSite: [],
    outsiderSubmit: ['checkpoints'],
    outsiderWaiting: [],
    // A fever turned back at the gate is filed as the resident's report.
    log: ['checkpoints', 'health'],
    annotate: ['checkpoints'],
    entries: [],
    fevers: [],
    revealOutsiderPhone: [],
  },
} as const satisfies WriteEffects;

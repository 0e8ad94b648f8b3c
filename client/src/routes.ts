import Taro from '@tarojs/taro';
import {
  alertsPagePath,
  campaignFindingsPagePath,
  checkpointFeversPagePath,
  noticePagePath,
} from '@gridguard/types';

/** Every page a page may open, with its query, in one place. */
export const routes = {
  /** 卡口 gate (the checkpoints subpackage): a resident's 通行码, a member's 值守登记, the log, 卡口劝返. */
  checkpointPass: () => '/pages/checkpoints/pass/index',
  checkpointDuty: (siteId: string) =>
    `/pages/checkpoints/duty/index?siteId=${encodeURIComponent(siteId)}`,
  checkpointLog: (siteId: string) =>
    `/pages/checkpoints/log/index?siteId=${encodeURIComponent(siteId)}`,
  /** The same page the feverAlert message of a gate opens. */
  checkpointFevers: (gridId: string) => `/${checkpointFeversPagePath(gridId)}`,
  grid: () => '/pages/grid/index',
  gridDetail: (gridId: string) => `/pages/grid-detail/index?id=${encodeURIComponent(gridId)}`,
  members: (gridId: string) => `/pages/members/index?gridId=${encodeURIComponent(gridId)}`,
  join: (tab: 'member' | 'household' = 'member') => `/pages/join/index?tab=${tab}`,
  household: () => '/pages/household/index',
  /** 今日健康打卡; `forPersonId` opens it on that family member. */
  report: (forPersonId?: string) =>
    `/pages/report/index${forPersonId ? `?for=${encodeURIComponent(forPersonId)}` : ''}`,
  returnHome: () => '/pages/return/index',
  /** Staff at the 流管站 desk (or door to door) registering a return for someone in scope. */
  returnFor: (personId: string, name: string) =>
    `/pages/return/index?personId=${encodeURIComponent(personId)}&name=${encodeURIComponent(name)}`,
  /** Staff submitting today's report for someone without WeChat. */
  reportFor: (personId: string, name: string) =>
    `/pages/report/index?personId=${encodeURIComponent(personId)}&name=${encodeURIComponent(name)}`,
  notReported: (gridId: string) => `/pages/not-reported/index?gridId=${encodeURIComponent(gridId)}`,
  classificationQueue: (gridId: string) =>
    `/pages/observe/queue/index?gridId=${encodeURIComponent(gridId)}`,
  observed: (gridId: string) =>
    `/pages/observe/observed/index?gridId=${encodeURIComponent(gridId)}`,
  /** The same page the feverAlert subscribe message opens. */
  alerts: (gridId: string) => `/${alertsPagePath(gridId)}`,
  errandRequest: () => '/pages/errands/request/index',
  /** Staff asking for shopping for someone without WeChat (from 住户登记). */
  errandRequestFor: (personId: string, name: string) =>
    `/pages/errands/request/index?personId=${encodeURIComponent(personId)}&name=${encodeURIComponent(name)}`,
  myErrands: () => '/pages/errands/mine/index',
  errandPool: () => '/pages/errands/pool/index',
  errandClaims: () => '/pages/errands/claims/index',
  errandSettings: () => '/pages/errands/settings/index',
  /** `settle`: the caller leads the node, so the page offers 代为取消 and 代为确认收货. */
  nodeErrands: (gridId: string, settle = false) =>
    `/pages/errands/node/index?gridId=${encodeURIComponent(gridId)}${settle ? '&settle=1' : ''}`,
  /** The same page the joinRequest subscribe message opens for a leader. */
  joinRequests: (gridId: string) =>
    `/pages/join-requests/index?gridId=${encodeURIComponent(gridId)}`,
  /** 初始化 while the deployment has no root yet; the command centre's 系统设置 afterwards. */
  setup: () => '/pages/setup/index',
  /** 导入登记表 and 导出登记表 for a node the caller manages (the import subpackage). */
  importRegister: (gridId: string) => `/pages/import/index?gridId=${encodeURIComponent(gridId)}`,
  /** 打印门牌码: a node's households as sheets, or one household's card (its leaf as gridId). */
  posters: (gridId: string, householdId?: string) =>
    `/pages/posters/index?gridId=${encodeURIComponent(gridId)}${householdId ? `&householdId=${encodeURIComponent(householdId)}` : ''}`,
  /** 查找 people, households and nodes under a node (the search subpackage). */
  search: (gridId: string, name: string) =>
    `/pages/search/index?gridId=${encodeURIComponent(gridId)}&name=${encodeURIComponent(name)}`,
  /** 住户登记 (the register subpackage): a node's households, one household, and their forms. */
  registerHouseholds: (gridId: string) =>
    `/pages/register/households/index?gridId=${encodeURIComponent(gridId)}`,
  /** `gridId`: the node the list was opened on, where 迁移 looks for the new household. */
  registerHousehold: (householdId: string, gridId: string) =>
    `/pages/register/household/index?id=${encodeURIComponent(householdId)}&gridId=${encodeURIComponent(gridId)}`,
  /** 新建住户 on a leaf (`gridId`), or 编辑住址 of a household (`householdId`). */
  registerPlace: (target: { gridId: string } | { householdId: string }) =>
    'gridId' in target
      ? `/pages/register/place/index?gridId=${encodeURIComponent(target.gridId)}`
      : `/pages/register/place/index?householdId=${encodeURIComponent(target.householdId)}`,
  /** 添加成员, or with a person 编辑 them. */
  registerPerson: (householdId: string, personId?: string) =>
    `/pages/register/person/index?householdId=${encodeURIComponent(householdId)}${personId ? `&personId=${encodeURIComponent(personId)}` : ''}`,
  /** 迁移: another household under `gridId` for the person. */
  registerMove: (personId: string, householdId: string, gridId: string) =>
    `/pages/register/move/index?personId=${encodeURIComponent(personId)}&householdId=${encodeURIComponent(householdId)}&gridId=${encodeURIComponent(gridId)}`,
  /** 卡口值守 (the checkpoints subpackage): a node's sites, a site's form, its rota, hours, 我的班次. */
  checkpointSites: (gridId: string) =>
    `/pages/checkpoints/sites/index?gridId=${encodeURIComponent(gridId)}`,
  /** 新建卡口 on a node (`gridId`), or 编辑 a site (`siteId`). */
  checkpointSiteForm: (target: { gridId: string } | { siteId: string }) =>
    'gridId' in target
      ? `/pages/checkpoints/site-form/index?gridId=${encodeURIComponent(target.gridId)}`
      : `/pages/checkpoints/site-form/index?siteId=${encodeURIComponent(target.siteId)}`,
  checkpointRota: (siteId: string) =>
    `/pages/checkpoints/rota/index?siteId=${encodeURIComponent(siteId)}`,
  checkpointLoad: (siteId: string) =>
    `/pages/checkpoints/load/index?siteId=${encodeURIComponent(siteId)}`,
  myShifts: () => '/pages/checkpoints/my-shifts/index',
  /** 出租屋 of a node (the targets subpackage): its list, one rental, its form, a tenant's lease. */
  rentals: (gridId: string) => `/pages/targets/rentals/index?gridId=${encodeURIComponent(gridId)}`,
  rental: (rentalId: string) => `/pages/targets/rental/index?id=${encodeURIComponent(rentalId)}`,
  /** 新建出租屋 on a leaf (`gridId`), or 编辑 a rental (`rentalId`). */
  rentalForm: (target: { gridId: string } | { rentalId: string }) =>
    'gridId' in target
      ? `/pages/targets/rental-form/index?gridId=${encodeURIComponent(target.gridId)}`
      : `/pages/targets/rental-form/index?rentalId=${encodeURIComponent(target.rentalId)}`,
  /** 添加租客 to a rental, or with a person 修改租期 of a tenant. */
  tenant: (rentalId: string, personId?: string) =>
    `/pages/targets/tenant/index?rentalId=${encodeURIComponent(rentalId)}${personId ? `&personId=${encodeURIComponent(personId)}` : ''}`,
  /** 企业 of a node: its list, one enterprise, its form. */
  enterprises: (gridId: string) =>
    `/pages/targets/enterprises/index?gridId=${encodeURIComponent(gridId)}`,
  enterprise: (enterpriseId: string) =>
    `/pages/targets/enterprise/index?id=${encodeURIComponent(enterpriseId)}`,
  enterpriseForm: (target: { gridId: string } | { enterpriseId: string }) =>
    'gridId' in target
      ? `/pages/targets/enterprise-form/index?gridId=${encodeURIComponent(target.gridId)}`
      : `/pages/targets/enterprise-form/index?enterpriseId=${encodeURIComponent(target.enterpriseId)}`,
  /** 卡口 counts of a node's sites, or of one site (opened from `gridId`'s list when given). */
  checkpointCounts: (target: { gridId: string } | { siteId: string; gridId?: string }) =>
    'siteId' in target
      ? `/pages/checkpoints/counts/index?siteId=${encodeURIComponent(target.siteId)}${target.gridId ? `&gridId=${encodeURIComponent(target.gridId)}` : ''}`
      : `/pages/checkpoints/counts/index?gridId=${encodeURIComponent(target.gridId)}`,
  /** 排查走访 (the campaigns subpackage): those concerning a node, or all the caller can reach. */
  campaigns: (gridId?: string) =>
    `/pages/campaigns/list/index${gridId ? `?gridId=${encodeURIComponent(gridId)}` : ''}`,
  /** 发起排查 under a node the caller leads. */
  campaignStart: (gridId: string) =>
    `/pages/campaigns/start/index?gridId=${encodeURIComponent(gridId)}`,
  /** A campaign and its coverage at `gridId` (its own node when absent), children lowest first. */
  campaign: (campaignId: string, gridId?: string) =>
    `/pages/campaigns/detail/index?id=${encodeURIComponent(campaignId)}${gridId ? `&gridId=${encodeURIComponent(gridId)}` : ''}`,
  /** 我的走访 this round. */
  campaignMine: (campaignId: string) =>
    `/pages/campaigns/mine/index?id=${encodeURIComponent(campaignId)}`,
  /** One door: who lives there, this round's visit, and the visit form. */
  campaignVisit: (campaignId: string, targetId: string) =>
    `/pages/campaigns/visit/index?id=${encodeURIComponent(campaignId)}&targetId=${encodeURIComponent(targetId)}`,
  /** 回访队列: the caller's own, or everyone's under `gridId`. */
  campaignRevisits: (campaignId: string, gridId?: string) =>
    `/pages/campaigns/revisits/index?id=${encodeURIComponent(campaignId)}${gridId ? `&gridId=${encodeURIComponent(gridId)}` : ''}`,
  /** A leaf's doors, those not done first offered. */
  campaignDoors: (campaignId: string, gridId: string) =>
    `/pages/campaigns/doors/index?id=${encodeURIComponent(campaignId)}&gridId=${encodeURIComponent(gridId)}`,
  /** 分配 targets under a node to its staff. */
  campaignAssign: (campaignId: string, gridId: string) =>
    `/pages/campaigns/assign/index?id=${encodeURIComponent(campaignId)}&gridId=${encodeURIComponent(gridId)}`,
  /** 问题跟进: the same page the message about a fever found at the door opens. */
  /** 签署责任书 at a rental or enterprise, on the member's phone. */
  campaignSign: (campaignId: string, targetId: string) =>
    `/pages/campaigns/sign/index?id=${encodeURIComponent(campaignId)}&targetId=${encodeURIComponent(targetId)}`,
  /** A target's 责任书: its text, and who signed it when, with the signature. */
  campaignPledge: (campaignId: string, targetId: string) =>
    `/pages/campaigns/pledge/index?id=${encodeURIComponent(campaignId)}&targetId=${encodeURIComponent(targetId)}`,
  campaignFindings: (campaignId: string, gridId: string) =>
    `/${campaignFindingsPagePath(campaignId, gridId)}`,
  /** The command centre's 中高风险地区 and observation days. */
  riskAreas: () => '/pages/setup/risk-areas/index',
  /** 我联系的住户 and 我照看的居家观察对象 (the care subpackage). */
  myHouseholds: () => '/pages/care/households/index',
  myCared: () => '/pages/care/observed/index',
  /** 通知公告 (the notices subpackage): the caller's feed, and one notice to read and listen to. */
  notices: () => '/pages/notices/list/index',
  /** The same page the reminder about an unread notice opens. */
  notice: (noticeId: string) => `/${noticePagePath(noticeId)}`,
  /** 通知公告 from the staff side (the notices subpackage): a node's notices, the form, reach. */
  noticesManage: (gridId: string) =>
    `/pages/notices/manage/index?gridId=${encodeURIComponent(gridId)}`,
  noticeEdit: (target: { gridId: string } | { noticeId: string }) =>
    'gridId' in target
      ? `/pages/notices/edit/index?gridId=${encodeURIComponent(target.gridId)}`
      : `/pages/notices/edit/index?id=${encodeURIComponent(target.noticeId)}`,
  noticeReach: (noticeId: string, gridId: string) =>
    `/pages/notices/reach/index?id=${encodeURIComponent(noticeId)}&gridId=${encodeURIComponent(gridId)}`,
  /** In the dashboard subpackage; the daily report message opens the same path with a day. */
  dashboard: (gridId: string, day?: string) =>
    `/dashboard/pages/index?gridId=${encodeURIComponent(gridId)}${day ? `&day=${day}` : ''}`,
};

/** WeChat keeps at most 10 pages on the stack; a deep drill-down replaces the top one instead. */
const MAX_STACK = 10;

export function openPage(url: string): void {
  const depth = Taro.getCurrentPages().length;
  const navigate = depth >= MAX_STACK - 1 ? Taro.redirectTo : Taro.navigateTo;
  navigate({ url }).catch((error: unknown) => {
    console.error('[navigate]', url, error);
    void Taro.showToast({ title: '页面打开失败，请重试', icon: 'none' });
  });
}

/** Back to where the user came from, or home when this page was opened directly (a shared link). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack();
  } else {
    void Taro.reLaunch({ url: '/pages/home/index' });
  }
}

/** A query parameter of the current page, decoded (h5 hands them over still encoded). */
export function decodeParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

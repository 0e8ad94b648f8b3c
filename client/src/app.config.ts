export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/grid/index',
    'pages/grid-detail/index',
    'pages/join/index',
    'pages/household/index',
    'pages/members/index',
    'pages/report/index',
    'pages/not-reported/index',
    'pages/return/index',
  ],
  // Opened by few and never at launch: subpackages keep them out of the main package every user
  // downloads first.
  subPackages: [
    {
      root: 'pages/observe',
      pages: ['queue/index', 'observed/index', 'alerts/index'],
    },
    {
      root: 'pages/errands',
      pages: [
        'request/index',
        'mine/index',
        'pool/index',
        'claims/index',
        'node/index',
        'settings/index',
      ],
    },
    // A leader's 入户申请; the joinRequest message opens this exact path.
    { root: 'pages/join-requests', pages: ['index'] },
    // 初始化, then the command centre's 系统设置 and 风险地区: a handful of people ever open them.
    { root: 'pages/setup', pages: ['index', 'risk-areas/index'] },
    // 导入登记表 and 导出登记表: a leader's occasional bulk work, opened from 网格详情.
    { root: 'pages/import', pages: ['index'] },
    // 打印门牌码: door-code cards and sheets drawn on a canvas, a leader's occasional print run.
    { root: 'pages/posters', pages: ['index'] },
    // 查找 people, households and nodes under a node: staff open it from 网格详情.
    { root: 'pages/search', pages: ['index'] },
    // 我联系的住户 (户联系) and 我照看的 (关爱协管员): grid staff's own lists, opened from home.
    { root: 'pages/care', pages: ['households/index', 'observed/index'] },
    // 住户登记 by grid staff: households, people, 迁移, 门牌码; opened from 网格详情.
    {
      root: 'pages/register',
      pages: ['households/index', 'household/index', 'place/index', 'person/index', 'move/index'],
    },
    // 出租屋 and 企业 of a node, kept by grid staff; opened from 网格详情.
    {
      root: 'pages/targets',
      pages: [
        'rentals/index',
        'rental/index',
        'rental-form/index',
        'tenant/index',
        'enterprises/index',
        'enterprise/index',
        'enterprise-form/index',
      ],
    },
    // 洗楼/排查: campaigns, my doors this round and the visit form, coverage; from 网格详情.
    {
      root: 'pages/campaigns',
      pages: [
        'list/index',
        'start/index',
        'detail/index',
        'mine/index',
        'visit/index',
        'revisits/index',
        'doors/index',
        'assign/index',
        'findings/index',
        'sign/index',
        'pledge/index',
      ],
    },
    // 卡口: sites, their rota and sign-up, 补位 and hours, 我的班次; a resident's 通行码, 值守登记 at
    // the gate, an outsider's own form by the site QR, the log, 卡口劝返; counts and the export.
    // From 网格详情, home and the 日报.
    {
      root: 'pages/checkpoints',
      pages: [
        'sites/index',
        'site-form/index',
        'rota/index',
        'load/index',
        'my-shifts/index',
        'pass/index',
        'duty/index',
        'outsider/index',
        'log/index',
        'fevers/index',
        'counts/index',
      ],
    },
    // 通知公告: a reader's feed and a notice with its pictures, PDFs and recordings (from home; the
    // reminder about an unread notice opens its detail page); a node's notices and drafts, the
    // form with files and recordings, reach and who is left to tell (from 网格详情 and the 日报).
    {
      root: 'pages/notices',
      pages: ['list/index', 'detail/index', 'manage/index', 'edit/index', 'reach/index'],
    },
    // The daily report and its chart library; the report message links to this exact path.
    { root: 'dashboard', pages: ['pages/index'] },
  ],
  window: {
    navigationBarTitleText: '网格守护',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f2ef',
    backgroundTextStyle: 'dark',
  },
  style: 'v2',
});

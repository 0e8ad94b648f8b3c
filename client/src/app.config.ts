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
  // 跑腿代购 is opened from home or a node's page, never at launch: a subpackage keeps it out of
  // the main package every user downloads first.
  subPackages: [
    {
      root: 'pages/errands',
      pages: ['request/index', 'mine/index', 'pool/index', 'claims/index', 'node/index'],
    },
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

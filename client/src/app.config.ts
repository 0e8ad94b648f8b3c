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
  // Home observation for the grid team: opened by few, so loaded only when first opened.
  subPackages: [
    {
      root: 'pages/observe',
      pages: ['queue/index', 'observed/index', 'alerts/index'],
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

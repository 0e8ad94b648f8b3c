export default defineAppConfig({
  pages: ['pages/home/index'],
  window: {
    navigationBarTitleText: '网格守护',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f2ef',
    backgroundTextStyle: 'dark',
  },
  style: 'v2',
});

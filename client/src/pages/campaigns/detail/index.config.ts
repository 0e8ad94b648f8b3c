export default definePageConfig({
  navigationBarTitleText: '排查详情',
  enablePullDownRefresh: true,
});

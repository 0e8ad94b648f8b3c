export default definePageConfig({
  navigationBarTitleText: '门户清单',
  enablePullDownRefresh: true,
});

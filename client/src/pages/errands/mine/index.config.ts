export default definePageConfig({
  navigationBarTitleText: '我的代购',
  enablePullDownRefresh: true,
});

export default definePageConfig({
  navigationBarTitleText: '网格代购',
  enablePullDownRefresh: true,
});

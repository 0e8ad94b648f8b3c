export default definePageConfig({
  navigationBarTitleText: '跑腿代购',
  enablePullDownRefresh: true,
});

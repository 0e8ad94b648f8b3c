export default definePageConfig({
  navigationBarTitleText: '今日未报',
  enablePullDownRefresh: true,
});

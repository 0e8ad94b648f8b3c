export default definePageConfig({
  navigationBarTitleText: '防控日报',
  enablePullDownRefresh: true,
});

export default definePageConfig({
  navigationBarTitleText: '异常提醒',
  enablePullDownRefresh: true,
});

export default definePageConfig({
  navigationBarTitleText: '卡口统计',
  enablePullDownRefresh: true,
});

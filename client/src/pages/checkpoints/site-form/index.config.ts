export default definePageConfig({
  navigationBarTitleText: '卡口设置',
  enablePullDownRefresh: true,
});

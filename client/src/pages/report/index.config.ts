export default definePageConfig({
  navigationBarTitleText: '健康打卡',
  enablePullDownRefresh: true,
});

export default definePageConfig({
  navigationBarTitleText: '排班表',
  enablePullDownRefresh: true,
});

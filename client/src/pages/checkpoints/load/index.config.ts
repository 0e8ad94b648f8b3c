export default definePageConfig({
  navigationBarTitleText: '本周值守时长',
  enablePullDownRefresh: true,
});

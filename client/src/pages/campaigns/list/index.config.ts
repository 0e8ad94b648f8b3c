export default definePageConfig({
  navigationBarTitleText: '排查走访',
  enablePullDownRefresh: true,
});

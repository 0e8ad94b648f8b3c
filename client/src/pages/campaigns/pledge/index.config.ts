export default definePageConfig({
  navigationBarTitleText: '责任书',
  enablePullDownRefresh: true,
});

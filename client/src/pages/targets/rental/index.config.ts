export default definePageConfig({
  navigationBarTitleText: '出租屋',
  enablePullDownRefresh: true,
});

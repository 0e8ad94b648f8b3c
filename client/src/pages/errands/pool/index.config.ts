export default definePageConfig({
  navigationBarTitleText: '代购池',
  enablePullDownRefresh: true,
});

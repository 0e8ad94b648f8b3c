export default definePageConfig({
  navigationBarTitleText: '问题跟进',
  enablePullDownRefresh: true,
});

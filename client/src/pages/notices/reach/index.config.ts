export default definePageConfig({
  navigationBarTitleText: '告知情况',
  enablePullDownRefresh: true,
});

export default definePageConfig({
  navigationBarTitleText: '观察对象',
  enablePullDownRefresh: true,
});

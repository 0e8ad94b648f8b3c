export default definePageConfig({
  navigationBarTitleText: '我照看的居家观察对象',
  enablePullDownRefresh: true,
});

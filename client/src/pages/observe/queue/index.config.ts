export default definePageConfig({
  navigationBarTitleText: '分类审核',
  enablePullDownRefresh: true,
});

export default definePageConfig({
  navigationBarTitleText: '加入网格',
});

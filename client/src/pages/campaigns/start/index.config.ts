export default definePageConfig({
  navigationBarTitleText: '发起排查',
});

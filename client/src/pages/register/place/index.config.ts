export default definePageConfig({
  navigationBarTitleText: '住址',
});

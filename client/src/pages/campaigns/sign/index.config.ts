export default definePageConfig({
  navigationBarTitleText: '签署责任书',
});

export default definePageConfig({
  navigationBarTitleText: '通行码',
});

export default definePageConfig({
  navigationBarTitleText: '网格守护',
});

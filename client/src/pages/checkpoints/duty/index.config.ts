export default definePageConfig({
  navigationBarTitleText: '值守登记',
});

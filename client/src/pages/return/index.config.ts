export default definePageConfig({
  navigationBarTitleText: '返乡登记',
});

export default definePageConfig({
  navigationBarTitleText: '租客',
});

export default definePageConfig({
  navigationBarTitleText: '出租屋登记',
});

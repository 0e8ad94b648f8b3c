export default definePageConfig({
  navigationBarTitleText: '风险地区',
});

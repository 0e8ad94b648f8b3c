export default definePageConfig({
  navigationBarTitleText: '卡口登记记录',
});

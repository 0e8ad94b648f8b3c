export default definePageConfig({
  navigationBarTitleText: '卡口劝返',
});

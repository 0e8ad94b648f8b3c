export default definePageConfig({
  navigationBarTitleText: '导入登记表',
});

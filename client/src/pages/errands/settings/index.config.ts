export default definePageConfig({
  navigationBarTitleText: '跑腿设置',
});

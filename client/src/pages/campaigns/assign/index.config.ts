export default definePageConfig({
  navigationBarTitleText: '分配走访对象',
});

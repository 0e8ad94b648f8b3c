export default definePageConfig({
  navigationBarTitleText: '迁移居民',
});

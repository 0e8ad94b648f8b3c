import Taro, { usePullDownRefresh } from '@tarojs/taro';

/**
 * Pull down to fetch again: others change the same grid (a newcomer joins, a leader revokes), and
 * nothing pushes those changes to this phone. The page config must set enablePullDownRefresh.
 */
export function usePullRefresh(refresh: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void refresh().finally(() => {
      void Taro.stopPullDownRefresh();
    });
  });
}

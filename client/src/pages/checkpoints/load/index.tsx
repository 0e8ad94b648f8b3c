import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { ResourcePage, StatusBlock } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam } from '../../../routes';
import { getStaffLoad, hoursText } from '../../../services/checkpoints-rota';
import '../shared/index.css';

/**
 * 本周值守时长 (`?siteId=`): each staff member over the site's node with their hours this week
 * (Monday to Sunday) at every site, fewest first, so the leader spreads the load.
 */
export default function LoadPage() {
  const siteId = decodeParam(useRouter().params.siteId);
  const load = useCallback(() => getStaffLoad(siteId ?? ''), [siteId]);
  const { state, reload } = useResource(load, { topics: ['checkpoints'] });
  usePullRefresh(reload);
  if (!siteId) return <StatusBlock kind="error" title="缺少卡口" message="请从排班表进入" />;
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(data) => (
        <View className="page">
          <Text className="page__title">本周值守时长</Text>
          <Text className="page__hint">
            {data.weekStart} 至 {data.weekEnd}，含所有卡口；时长少的排在前面，补位时优先安排。
          </Text>
          {data.rows.length === 0 ? <StatusBlock kind="empty" title="暂无成员" /> : null}
          {data.rows.map((r) => (
            <View key={r.openid} className="load-row">
              <Text>{r.name}</Text>
              <Text className={r.minutes === 0 ? 'muted' : ''}>
                {hoursText(r.minutes)} · {r.shifts} 班
              </Text>
            </View>
          ))}
        </View>
      )}
    </ResourcePage>
  );
}

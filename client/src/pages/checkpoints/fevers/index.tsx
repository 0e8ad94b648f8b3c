import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { decodeParam } from '../../../routes';
import { feversUnder } from '../../../services/checkpoints-gate';
import { EntryCard } from '../shared/entry-card';
import '../shared.css';

/**
 * 卡口劝返 (`?gridId=`): fevers turned back at the gates under a leader's node, newest first; the
 * page the gate's feverAlert message opens.
 */
export default function FeversPage() {
  const gridId = decodeParam(useRouter().params['gridId']);
  const fetchPage = useCallback((page: number) => feversUnder(gridId, page), [gridId]);
  const list = usePagedList(fetchPage, { topics: ['checkpoints'] });
  usePullRefresh(list.reload);
  if (!gridId) return <MissingGrid />;
  return (
    <View className="page">
      <ListHead title="卡口劝返" list={list.state} unit="人次" level="page" />
      <PagedStates
        list={list}
        failedTitle="劝返记录加载失败"
        empty={{ title: '暂无劝返记录', message: '卡口测温发热劝返后会出现在这里' }}
      >
        {(items) => (
          <>
            {items.map((entry) => (
              <View key={entry.id} className="card">
                <EntryCard entry={entry} />
              </View>
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

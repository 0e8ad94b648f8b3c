import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { CannotOpen } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { decodeParam, openPage, routes } from '../../../routes';
import { listDoors } from '../../../services/campaigns';
import { TargetRow } from '../shared/target-row';

type Show = 'pending' | 'all';
const SHOW_OPTIONS: { value: Show; label: string }[] = [
  { value: 'pending', label: '未完成' },
  { value: 'all', label: '全部' },
];

/** A leaf's doors this round (`?id=&gridId=`), by building and door, with whose each is. */
export default function DoorsPage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const gridId = decodeParam(params.gridId);
  if (!campaignId || !gridId) {
    return <CannotOpen missing="排查或网格编号" from="排查详情" />;
  }
  return <Doors campaignId={campaignId} gridId={gridId} />;
}

function Doors({ campaignId, gridId }: { campaignId: string; gridId: string }) {
  const [show, setShow] = useState<Show>('pending');
  const fetchPage = useCallback(
    (page: number) => listDoors(campaignId, gridId, show === 'pending', page),
    [campaignId, gridId, show],
  );
  const list = usePagedList(fetchPage);
  usePullRefresh(list.reload);
  return (
    <View className="page campaign-doors">
      <ListHead
        title="门户清单"
        list={list.state}
        unit="户"
        level="page"
        prefix={show === 'pending' ? '未完成' : '共'}
      />
      <Text className="page__hint">未完成：本轮尚未走访或无人在家待回访</Text>
      <ChoiceChips options={SHOW_OPTIONS} value={show} onChange={setShow} />
      <PagedStates
        list={list}
        failedTitle="门户清单加载失败"
        empty={{ title: show === 'pending' ? '本轮已全部完成' : '该网格没有走访对象' }}
      >
        {(items) =>
          items.map((row) => (
            <TargetRow
              key={row.id}
              row={row}
              showAssignee
              onOpen={() => openPage(routes.campaignVisit(campaignId, row.id))}
            />
          ))
        }
      </PagedStates>
    </View>
  );
}

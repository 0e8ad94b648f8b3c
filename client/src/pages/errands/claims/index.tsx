import { Button, Text, View } from '@tarojs/components';
import { PagedStates } from '../../../components/paged-states';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { openPage, routes } from '../../../routes';
import { listClaims } from '../../../services/errands';
import { ClaimedErrand } from './claimed-errand';
import { RecordCard } from './record-card';
import './index.css';
import { ListHead } from '../../../components/list-head';

/** 我认领的: the volunteer's errands, with the requester's contact and the steps to record. */
export default function ClaimsPage() {
  const list = usePagedList(listClaims);
  const { state, reload } = list;
  usePullRefresh(reload);

  return (
    <View className="page errand-claims">
      <ListHead title="我认领的" list={state} unit="单" level="page" />
      <RecordCard />
      <Text className="small-note">
        居民的地址和电话只在您办理期间可见，查看记录将被留存。购买后请上传小票，送达后拍照留证。
      </Text>
      <PagedStates
        list={list}
        empty={{
          title: '还没有认领代购',
          message: '到代购池看看谁需要帮忙',
          actionText: '去代购池',
          onAction: () => openPage(routes.errandPool()),
        }}
        className="section"
      >
        {(items) => (
          <>
            {items.map((errand) => (
              <ClaimedErrand key={errand.id} errand={errand} onChanged={() => void reload()} />
            ))}
            {/* The empty state offers the pool itself: one way there at a time. */}
            <Button
              className="btn btn--secondary btn--block"
              hoverClass="btn--pressed"
              onClick={() => openPage(routes.errandPool())}
            >
              去代购池
            </Button>
          </>
        )}
      </PagedStates>
    </View>
  );
}

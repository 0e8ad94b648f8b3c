import { Button, Text, View } from '@tarojs/components';
import { PagedStates } from '../../../components/paged-states';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { openPage, routes } from '../../../routes';
import { listMyErrands } from '../../../services/errands';
import { MyErrand } from './my-errand';
import './index.css';

/** 我的代购: the household's requests with their progress, to cancel or to confirm receipt. */
export default function MyErrandsPage() {
  const { state, reload, loadMore } = usePagedList(listMyErrands);
  usePullRefresh(reload);

  return (
    <View className="page my-errands">
      <View className="section__head">
        <Text className="page__title">我的代购</Text>
        {state.status === 'ready' ? (
          <Text className="section__meta">共 {state.total} 单</Text>
        ) : null}
      </View>
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        onClick={() => openPage(routes.errandRequest())}
      >
        新的代购需求
      </Button>
      <PagedStates
        state={state}
        onRetry={() => void reload()}
        onLoadMore={() => void loadMore()}
        empty={{ title: '还没有代购记录', message: '需要买菜、买药时，点上方按钮提交' }}
        className="section"
      >
        {(items) => (
          <>
            {items.map((errand) => (
              <MyErrand key={errand.id} errand={errand} onChanged={() => void reload()} />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

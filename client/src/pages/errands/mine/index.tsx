import { Button, View } from '@tarojs/components';
import { PagedStates } from '../../../components/paged-states';
import { useElderClass } from '../../../hooks/use-elder-mode';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { openPage, routes } from '../../../routes';
import { listMyErrands } from '../../../services/errands';
import { MyErrand } from './my-errand';
import './index.css';
import { ListHead } from '../../../components/list-head';

/**
 * 我的代购: the household's requests, and those the caller made for someone else (staff for a
 * resident without WeChat), with their progress, to cancel or to confirm receipt.
 */
export default function MyErrandsPage() {
  const list = usePagedList(listMyErrands, { topics: ['errands'] });
  const { state, reload } = list;
  usePullRefresh(reload);
  const pageClass = useElderClass('page my-errands');

  return (
    <View className={pageClass}>
      <ListHead title="我的代购" list={state} unit="单" level="page" />
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        onClick={() => openPage(routes.errandRequest())}
      >
        新的代购需求
      </Button>
      <PagedStates
        list={list}
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

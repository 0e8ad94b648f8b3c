import { Button, Text, View } from '@tarojs/components';
import { openPage, routes } from '../../routes';
import { PagedStates } from '../../components/paged-states';
import { useCallback, useState } from 'react';
import { useReloadOn } from '../../hooks/use-reload-on';
import { usePagedList } from '../../hooks/use-paged-list';
import { listHouseholds } from '../../services/grids';
import { ListHead } from '../../components/list-head';
import { ContactAssign } from './contact-assign';
import { HouseholdRow } from './household-row';

export interface HouseholdsSectionProps {
  gridId: string;
  /** The node has children: each row names the leaf its household is on. */
  hasChildren: boolean;
  refreshKey: number;
  /** Leaders admit people who asked to join a household here. */
  canAdmit: boolean;
}

/**
 * Every household in the node's subtree, 20 a page, one row each; a row opens the household's
 * page, where its people are shown masked and revealed one at a time (audited).
 */
export function HouseholdsSection({
  gridId,
  hasChildren,
  refreshKey,
  canAdmit,
}: HouseholdsSectionProps) {
  const fetchPage = useCallback((page: number) => listHouseholds(gridId, page), [gridId]);
  const list = usePagedList(fetchPage);
  const { state, reload } = list;

  useReloadOn(refreshKey, reload);
  // 指定户联系党员 over the households loaded so far.
  const [assigning, setAssigning] = useState(false);

  return (
    <View className="section">
      <ListHead title="住户" list={state} unit="户" />
      {canAdmit ? (
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.joinRequests(gridId))}
        >
          入户申请
        </Button>
      ) : null}
      {canAdmit && state.status === 'ready' && state.items.length > 0 && !assigning ? (
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => setAssigning(true)}
        >
          指定户联系党员
        </Button>
      ) : null}
      {assigning && state.status === 'ready' ? (
        <ContactAssign
          gridId={gridId}
          households={state.items}
          onDone={() => {
            setAssigning(false);
            void reload();
          }}
          onCancel={() => setAssigning(false)}
        />
      ) : null}
      <Text className="small-note households-note">点按住户查看家庭成员和联系方式。</Text>
      <PagedStates list={list} failedTitle="住户加载失败" empty={{ title: '暂无住户' }}>
        {(items) => (
          <>
            {items.map((household) => (
              <HouseholdRow
                key={household.id}
                household={household}
                showGrid={hasChildren}
                onOpen={() => openPage(routes.registerHousehold(household.id, gridId))}
                {...(canAdmit && {
                  onPrint: () => openPage(routes.posters(household.gridId, household.id)),
                })}
              />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

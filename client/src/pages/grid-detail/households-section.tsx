import { Button, Text, View } from '@tarojs/components';
import { openPage, routes } from '../../routes';
import { PagedStates } from '../../components/paged-states';
import { useCallback, useState } from 'react';
import { HouseholdCard, type RevealRights } from '../../components/household-card';
import { useReloadOn } from '../../hooks/use-reload-on';
import { usePagedList } from '../../hooks/use-paged-list';
import { listHouseholds } from '../../services/grids';
import { ListHead } from '../../components/list-head';
import { ContactAssign } from './contact-assign';

export interface HouseholdsSectionProps {
  gridId: string;
  reveal: RevealRights;
  refreshKey: number;
  /** Leaders admit people who asked to join a household here. */
  canAdmit: boolean;
}

/** Every household in the node's subtree, people masked; full values one at a time, audited. */
export function HouseholdsSection({
  gridId,
  reveal,
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
      <Text className="small-note households-note">
        身份证号和手机号默认隐藏，点「查看」显示 30 秒。查看记录将被留存。
      </Text>
      <PagedStates list={list} failedTitle="住户加载失败" empty={{ title: '暂无住户' }}>
        {(items) => (
          <>
            {items.map((household) => (
              <HouseholdCard
                key={household.id}
                household={household}
                reveal={reveal}
                showGrid
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

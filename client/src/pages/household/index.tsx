import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { HouseholdCard } from '../../components/household-card';
import { HouseholdStates } from '../../components/household-states';
import { JoinRequestList } from '../../components/join-request-list';
import { JoinRequestStatus } from '../../components/join-request-status';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useElderClass } from '../../hooks/use-elder-mode';
import { useResource } from '../../hooks/use-resource';
import { myHousehold, myJoinRequest } from '../../services/households';
import { AddPersonForm } from './add-person-form';
import './index.css';

/**
 * A resident's own household: the door code, the family (masked), proxy registration and the
 * requests to join it; before joining, the caller's own request while it waits.
 */
export default function HouseholdPage() {
  const pageClass = useElderClass('page household-page');
  const { state, reload } = useResource(myHousehold);
  const { state: request, reload: reloadRequest } = useResource(myJoinRequest);
  usePullRefresh(() => Promise.all([reload(), reloadRequest()]));
  const [adding, setAdding] = useState(false);
  // Not in a household yet: a request waiting (or turned down) says so instead of "not joined".
  const asked =
    state.status === 'ready' &&
    state.data === null &&
    request.status === 'ready' &&
    request.data !== null &&
    request.data.status !== 'approved'
      ? request.data
      : null;

  return (
    <View className={pageClass}>
      <Text className="page__title">我的家庭</Text>
      {asked ? (
        <JoinRequestStatus request={asked} onChanged={() => void reloadRequest()} />
      ) : (
        <HouseholdStates
          state={state}
          onRetry={() => void reload()}
          emptyMessage="请输入家门口张贴的门牌码，申请加入您的住户"
        >
          {(data) => (
            <View className="section">
              <HouseholdCard
                household={data}
                showGrid
                // Each person says what the resident may reveal: their own details and those of
                // family they registered; everyone else stays masked.
                reveal={{ idNumber: true, phone: true }}
              />
              <Text className="small-note">
                身份证号和手机号默认隐藏，点「查看」显示 30 秒。查看记录将被留存。
              </Text>
              {adding ? (
                <AddPersonForm
                  householdId={data.id}
                  onAdded={() => {
                    setAdding(false);
                    void reload();
                  }}
                  onCancel={() => setAdding(false)}
                />
              ) : (
                <Button
                  className="btn btn--primary btn--block"
                  hoverClass="btn--pressed"
                  onClick={() => setAdding(true)}
                >
                  添加家庭成员
                </Button>
              )}
              <JoinRequestList
                gridId={null}
                showAddress={false}
                hideWhenEmpty
                onDecided={() => void reload()}
              />
            </View>
          )}
        </HouseholdStates>
      )}
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { HouseholdCard } from '../../components/household-card';
import { HouseholdStates } from '../../components/household-states';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useResource } from '../../hooks/use-resource';
import { myHousehold } from '../../services/households';
import { AddPersonForm } from './add-person-form';
import './index.css';

/** A resident's own household: the door code, the family (masked) and proxy registration. */
export default function HouseholdPage() {
  const { state, reload } = useResource(myHousehold);
  usePullRefresh(reload);
  const [adding, setAdding] = useState(false);

  return (
    <View className="page household-page">
      <Text className="page__title">我的家庭</Text>
      <HouseholdStates
        state={state}
        onRetry={() => void reload()}
        emptyMessage="请输入家门口张贴的门牌码，加入您的住户"
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
          </View>
        )}
      </HouseholdStates>
    </View>
  );
}

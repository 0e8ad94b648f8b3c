import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { decodeParam } from '../../routes';
import { normalizeDoorCode } from '../../services/households';
import { HouseholdJoin } from './household-join';
import { InviteJoin } from './invite-join';
import './index.css';

type Tab = 'member' | 'household';

const TABS: { value: Tab; label: string }[] = [
  { value: 'member', label: '加入网格' },
  { value: 'household', label: '加入住户' },
];

/** Two ways in: a team member by invite code, a resident by the door code of their household. */
export default function JoinPage() {
  const params = useRouter().params;
  // `?code=` (a door code) fills in 加入住户, as scanning a poster's QR code does.
  const [doorCode] = useState(() => normalizeDoorCode(decodeParam(params.code)) ?? '');
  const initial: Tab = params.tab === 'household' || doorCode ? 'household' : 'member';
  const [tab, setTab] = useState<Tab>(initial);

  return (
    <View className="page join">
      <View className="join__tabs" ariaRole="tablist">
        {TABS.map((item) => (
          <View
            key={item.value}
            className={item.value === tab ? 'join__tab join__tab--active' : 'join__tab'}
            ariaRole="tab"
            ariaLabel={item.value === tab ? `${item.label}，已选中` : item.label}
            onClick={() => setTab(item.value)}
          >
            <Text>{item.label}</Text>
          </View>
        ))}
      </View>
      <Text className="page__hint join__hint">
        {tab === 'member'
          ? '网格员、志愿者、下沉干部：输入网格长提供的邀请码。'
          : '居民：输入家门口张贴的门牌码申请加入，家人或网格长确认后即成为该住户的家庭成员。'}
      </Text>
      {/* Both stay mounted so switching tabs never loses what was typed. */}
      <View className={tab === 'member' ? '' : 'join__hidden'}>
        <InviteJoin />
      </View>
      <View className={tab === 'household' ? '' : 'join__hidden'}>
        <HouseholdJoin initialCode={doorCode} />
      </View>
    </View>
  );
}

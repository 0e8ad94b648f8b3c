import { Text, View } from '@tarojs/components';
import type { HouseholdRow as Row } from '../../../services/register';
import { CareTags } from './care-tags';
import './index.css';

/** A household collapsed to one card: address, door code, how many people, 重点关爱. */
export function HouseholdRow(props: { row: Row; selected?: boolean; onOpen: () => void }) {
  const { row } = props;
  return (
    <View
      className={props.selected ? 'card register-row register-row--selected' : 'card register-row'}
      ariaRole="button"
      ariaLabel={`${row.address}，${row.people} 人${props.selected ? '，已选中' : ''}`}
      onClick={props.onOpen}
    >
      <Text className="register-row__address">{row.address}</Text>
      <Text className="register-row__line">
        门牌码：<Text className="register-row__code">{row.code}</Text> · {row.people} 人
      </Text>
      <CareTags marks={row.care} />
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { HouseholdStatusTags } from '../../../components/care-status';
import { householdTagTexts } from '../../../services/contacts';
import type { HouseholdRow as Row } from '../../../services/register';
import { CareMarkTags } from './care-tags';
import './index.css';

/**
 * A household collapsed to one card: address, door code, how many people, and one line of tags
 * (异常 / 今日未报 / 观察中 with how many people, then 重点关爱).
 */
export function HouseholdRow(props: { row: Row; selected?: boolean; onOpen: () => void }) {
  const { row } = props;
  const status = householdTagTexts(row.tags).map((tag) => tag.text);
  const spoken = [
    row.address,
    `${row.people} 人`,
    ...status,
    ...(row.care.length > 0 ? ['重点关爱'] : []),
    ...(props.selected ? ['已选中'] : []),
  ];
  return (
    <View
      className={props.selected ? 'card register-row register-row--selected' : 'card register-row'}
      ariaRole="button"
      ariaLabel={spoken.join('，')}
      onClick={props.onOpen}
    >
      <Text className="register-row__address">{row.address}</Text>
      <Text className="register-row__line">
        门牌码：<Text className="register-row__code">{row.code}</Text> · {row.people} 人
      </Text>
      {status.length > 0 || row.care.length > 0 ? (
        <View className="care-tags">
          <HouseholdStatusTags tags={row.tags} />
          <CareMarkTags marks={row.care} />
        </View>
      ) : null}
    </View>
  );
}

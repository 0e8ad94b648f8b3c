import { Text, View } from '@tarojs/components';
import { useResource } from '../../../hooks/use-resource';
import { volunteerRecord } from '../../../services/errands';

/** "2020-02" → "2020年2月" */
const monthLabel = (month: string) => {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
};

/**
 * The volunteer's record of delivered errands by month: what party members show as their service.
 * A failure here only hides the card; the claims below it matter more.
 */
export function RecordCard() {
  const { state } = useResource(volunteerRecord);
  if (state.status !== 'ready') return null;
  const { total, months } = state.data;
  return (
    <View className="card record-card">
      <Text className="record-card__total">累计送达 {total} 单</Text>
      {months.length === 0 ? (
        <Text className="small-note">送达第一单后，这里会按月记下您的服务。</Text>
      ) : (
        <View className="record-card__months">
          {months.slice(0, 6).map((m) => (
            <Text key={m.month} className="tag record-card__month">
              {monthLabel(m.month)} {m.done} 单
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

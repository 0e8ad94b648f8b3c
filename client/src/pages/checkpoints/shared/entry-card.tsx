import { Text, View } from '@tarojs/components';
import {
  DIRECTION_LABELS,
  ENTRY_KIND_LABELS,
  ENTRY_OUTCOME_LABELS,
  type EntryView,
} from '../../../services/checkpoints-gate';

const timeOf = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** One passage as the log and 卡口劝返 show it, with its notes in order. */
export function EntryCard({ entry }: { entry: EntryView }) {
  return (
    <View>
      <Text className="gate-line">
        {timeOf(entry.at)}　{ENTRY_KIND_LABELS[entry.kind]}　{DIRECTION_LABELS[entry.direction]}
      </Text>
      <Text className="gate-line">
        {entry.who}　{entry.temperature.toFixed(1)}℃　
        <Text className={entry.fever ? 'gate-flag' : ''}>
          {ENTRY_OUTCOME_LABELS[entry.outcome]}
        </Text>
      </Text>
      <Text className="gate-line muted">{entry.detail}</Text>
      <Text className="gate-line muted">
        {entry.siteName}　登记人 {entry.by}
      </Text>
      {entry.annotations.map((a, i) => (
        <Text key={i} className="gate-line">
          备注（{a.by}，{timeOf(a.at)}）：{a.text}
        </Text>
      ))}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { formatRate, type CoverageRow as Row } from '../../../services/campaigns';
import './index.css';

/** A child node's coverage in the lowest-first list; tapping drills down into it. */
export function CoverageRow(props: { row: Row; onOpen: () => void }) {
  const { row } = props;
  const { figures } = row;
  const rates = `入户率 ${formatRate(figures.entryRate)} · 排查率 ${formatRate(figures.checkRate)}`;
  return (
    <View
      className="card coverage-row"
      ariaRole="button"
      ariaLabel={`${row.name}，${rates}`}
      onClick={props.onOpen}
    >
      <Text className="coverage-row__name">{row.name}</Text>
      <Text className="coverage-row__line">{rates}</Text>
      <Text className="small-note">
        应访 {figures.targets} · 已入户 {figures.visited} · 拒绝 {figures.refused} · 无人在家{' '}
        {figures.noHome}
        {figures.flagged > 0 ? ` · 待处理 ${figures.flagged}` : ''}
      </Text>
    </View>
  );
}

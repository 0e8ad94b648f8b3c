import { Text, View } from '@tarojs/components';
import {
  GATE_COUNT_KEYS,
  GATE_COUNT_LABELS,
  type GateCounts,
} from '../../../services/checkpoints-log';

/** The counts as label–number pairs, wrapped in rows; a fever turned back or a gap stands out. */
export function CountsGrid({ counts }: { counts: GateCounts }) {
  return (
    <View className="counts-grid">
      {GATE_COUNT_KEYS.map((key) => {
        const attention = (key === 'turnedBack' || key === 'uncovered') && counts[key] > 0;
        return (
          <View
            key={key}
            className={`counts-grid__cell${attention ? ' counts-grid__cell--attention' : ''}`}
          >
            <Text className="counts-grid__value">{counts[key]}</Text>
            <Text className="counts-grid__label">{GATE_COUNT_LABELS[key]}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** One line of what passed: 进 12 · 出 9 · 车辆 3（7人）· 劝返 1 — the zeros left out. */
export function countsLine(counts: GateCounts): string {
  const parts = [`进 ${counts.in}`, `出 ${counts.out}`];
  if (counts.residents > 0) parts.push(`居民 ${counts.residents}`);
  if (counts.outsiders > 0) parts.push(`外来 ${counts.outsiders}`);
  if (counts.vehicles > 0) parts.push(`车辆 ${counts.vehicles}（${counts.vehiclePeople}人）`);
  if (counts.turnedBack > 0) parts.push(`劝返 ${counts.turnedBack}`);
  if (counts.uncovered > 0) parts.push(`缺人班次 ${counts.uncovered}`);
  return parts.join(' · ');
}

import { Text, View } from '@tarojs/components';
import { formatRate, type CoverageRow } from '../../../services/campaigns';
import './index.css';

/** A node's coverage at a glance: 入户率 and 排查率, then the counts behind them. */
export function CoverageFigures({
  figures,
  letter = false,
}: {
  figures: CoverageRow['figures'];
  /** The campaign carries a 责任书: how many are signed. */
  letter?: boolean;
}) {
  const counts: [string, number][] = [
    ['应访', figures.targets],
    ['已入户', figures.visited],
    ['拒绝', figures.refused],
    ['无人在家', figures.noHome],
    ['待处理', figures.flagged],
    ['未分配', Math.max(0, figures.targets - figures.assigned)],
    ...(letter ? ([['已签责任书', figures.signed]] as [string, number][]) : []),
  ];
  return (
    <View className="card coverage">
      <View className="coverage__rates">
        <View className="coverage__rate">
          <Text className="coverage__rate-value">{formatRate(figures.entryRate)}</Text>
          <Text className="coverage__rate-label">入户率</Text>
        </View>
        <View className="coverage__rate">
          <Text className="coverage__rate-value">{formatRate(figures.checkRate)}</Text>
          <Text className="coverage__rate-label">排查率</Text>
        </View>
      </View>
      <View className="coverage__counts">
        {counts.map(([label, n]) => (
          <Text key={label} className="coverage__count">
            {label} {n}
          </Text>
        ))}
      </View>
      {figures.findings > 0 ? (
        <Text className="small-note">其中发现问题 {figures.findings} 户（计入已入户）</Text>
      ) : null}
    </View>
  );
}

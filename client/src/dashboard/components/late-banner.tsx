import { Text, View } from '@tarojs/components';
import type { DailyReportRow } from '../../services/dashboard';

/** Children with reports still missing below them, named so the leader knows whom to call. */
export function LateBanner({
  lateChildren,
  onOpen,
}: {
  lateChildren: DailyReportRow['lateChildren'];
  onOpen: (gridId: string) => void;
}) {
  if (lateChildren.length === 0) return null;
  return (
    <View className="late-banner">
      <Text className="late-banner__title">{lateChildren.length} 个下级网格尚有未报</Text>
      <View className="late-banner__list">
        {lateChildren.map((child) => (
          <Text
            key={child.gridId}
            className="late-banner__item"
            onClick={() => onOpen(child.gridId)}
          >
            {child.name}
          </Text>
        ))}
      </View>
    </View>
  );
}

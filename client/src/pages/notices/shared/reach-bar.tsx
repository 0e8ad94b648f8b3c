import { Text, View } from '@tarojs/components';

/** 已告知 x/N 户 with a bar as long as the share reached. */
export function ReachBar({ reached, households }: { reached: number; households: number }) {
  const percent = households === 0 ? 0 : Math.round((reached / households) * 100);
  return (
    <View>
      <Text className="muted">
        已告知 {reached}/{households} 户{households > 0 ? `（${percent}%）` : ''}
      </Text>
      <View className="reach-bar">
        <View className="reach-bar__fill" style={{ width: `${percent}%` }} />
      </View>
    </View>
  );
}

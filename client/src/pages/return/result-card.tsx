import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { OBSERVATION_CLASS_LABELS, type ObservationView } from '../../services/health';

/**
 * 分类结果: the class, why, and where the home observation stands (day N of 14); `children` say
 * what to do next.
 */
export function ResultCard({
  observation,
  title,
  children,
}: {
  observation: ObservationView;
  title: string;
  children?: ReactNode;
}) {
  const { status, dayNumber, totalDays } = observation;
  return (
    <View className={`card return-result return-result--${observation.class}`}>
      <Text className="return-result__title">{title}</Text>
      <View className="return-result__class">
        <Text className="return-result__label">分类结果</Text>
        <Text className="return-result__value">{OBSERVATION_CLASS_LABELS[observation.class]}</Text>
        {observation.overridden ? <Text className="tag">网格长已调整</Text> : null}
      </View>
      {observation.reasons.length > 0 ? (
        <View className="return-result__reasons">
          {observation.reasons.map((reason) => (
            <Text key={reason} className="return-result__reason">
              · {reason}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className="return-result__days">
        {status === 'released' || dayNumber === null
          ? '居家医学观察已解除'
          : `居家医学观察 ${dayNumber}/${totalDays} 天`}
      </Text>
      {children}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { OBSERVATION_CLASS_LABELS, type ObservationView } from '../../services/health';

/** 居家观察第 N/14 天 with its class; escalated (fever or symptoms reported) in red. */
export function ObservationCard({ observation }: { observation: ObservationView }) {
  const { status, dayNumber, totalDays, endDay } = observation;
  const escalated = status === 'escalated';
  return (
    <View className={escalated ? 'card observation observation--escalated' : 'card observation'}>
      <View className="observation__head">
        <Text className="observation__title">
          {status === 'released' || dayNumber === null
            ? '居家观察已解除'
            : `居家观察第 ${dayNumber}/${totalDays} 天`}
        </Text>
        <Text className="tag">{OBSERVATION_CLASS_LABELS[observation.class]}</Text>
      </View>
      {escalated ? (
        <Text className="observation__alert">已报告体温偏高或症状，网格长已收到提醒</Text>
      ) : null}
      {status !== 'released' ? (
        <Text className="small-note">预计 {endDay} 结束观察，请每天按时打卡</Text>
      ) : null}
    </View>
  );
}

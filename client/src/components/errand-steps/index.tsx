import { Text, View } from '@tarojs/components';
import { ERRAND_STATUS_LABELS, ERRAND_STEPS, type ErrandStatus } from '../../services/errands';
import './index.css';

/** Where an errand stands on 待认领 → 已认领 → 已购买 → 已送达 → 已确认, done steps filled in. */
export function ErrandSteps({ status }: { status: ErrandStatus }) {
  if (status === 'cancelled') {
    return (
      <View className="errand-steps">
        <Text className="errand-steps__cancelled">已取消</Text>
      </View>
    );
  }
  const reached = ERRAND_STEPS.indexOf(status);
  return (
    <View className="errand-steps" ariaLabel={`进度：${ERRAND_STATUS_LABELS[status]}`}>
      {ERRAND_STEPS.map((step, index) => (
        <View
          key={step}
          className={
            index < reached
              ? 'errand-step errand-step--done'
              : index === reached
                ? 'errand-step errand-step--current'
                : 'errand-step'
          }
        >
          <View className="errand-step__dot" />
          <Text className="errand-step__label">{ERRAND_STATUS_LABELS[step]}</Text>
        </View>
      ))}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import {
  OBSERVATION_CLASS_LABELS,
  dayCounter,
  lastReportText,
  type ObservationView,
} from '../../../services/observations';

export interface ObservationRowProps {
  observation: ObservationView;
  today: string;
  /** Why the class was given (the rules' reasons and any change by a leader). */
  showReasons?: boolean;
  /** The latest alert with its day, for 异常提醒. */
  showAlert?: boolean;
  /** What the caller may do with this person, under the facts. */
  children?: ReactNode;
}

/** One person under observation: class, day N/M, last report, and whatever applies below. */
export function ObservationRow({
  observation,
  today,
  showReasons = false,
  showAlert = false,
  children,
}: ObservationRowProps) {
  const escalated = observation.status === 'escalated';
  return (
    <View className={escalated ? 'card observed observed--escalated' : 'card observed'}>
      <View className="observed__head">
        <Text className="observed__name">{observation.name}</Text>
        <Text className={`tag observed__class observed__class--${observation.class}`}>
          {OBSERVATION_CLASS_LABELS[observation.class]}
        </Text>
        {escalated ? <Text className="tag observed__escalated">异常</Text> : null}
        {observation.overridden ? <Text className="tag">网格长已调整</Text> : null}
      </View>
      <View className="observed__facts">
        <Text className="observed__days">居家观察{dayCounter(observation)}</Text>
        <Text className="observed__report">{lastReportText(observation, today)}</Text>
      </View>
      {observation.care.leader || observation.care.carer ? (
        <Text className="observed__care">
          网格长 {observation.care.leader ?? '未定'} · 关爱协管员 {observation.care.carer ?? '未定'}
        </Text>
      ) : null}
      {showAlert && observation.alert ? (
        <Text className="observed__alert">
          {observation.alert.day} 报告：{observation.alert.reason}
        </Text>
      ) : null}
      {showReasons && observation.reasons.length > 0 ? (
        <View className="observed__reasons">
          {observation.reasons.map((reason) => (
            <Text key={reason} className="observed__reason">
              · {reason}
            </Text>
          ))}
        </View>
      ) : null}
      {children}
    </View>
  );
}

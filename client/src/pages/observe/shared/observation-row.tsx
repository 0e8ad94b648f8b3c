import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { CallButton } from '../../../components/call-button';
import { SYMPTOM_LABELS } from '../../../services/health';
import {
  OBSERVATION_CLASS_LABELS,
  dayCounter,
  lastReportText,
  type ObservedPerson,
} from '../../../services/observations';
import { callPerson } from '../../../services/people';

export interface ObservationRowProps {
  observation: ObservedPerson;
  today: string;
  /** Why the class was given (the rules' reasons and any change by a leader). */
  showReasons?: boolean;
  /** The latest alert with its day, for 异常提醒. */
  showAlert?: boolean;
  /** What the caller may do with this person, under the facts. */
  children?: ReactNode;
}

/**
 * One person under observation: class, day N/M, last report, where they live and one tap to
 * call them (or the family member who registered them), and whatever applies below.
 */
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
      {showAlert && observation.alert ? <AlertReading alert={observation.alert} /> : null}
      <Text className="observed__address">住址：{observation.address ?? '未登记'}</Text>
      <ContactLine call={observation.call} />
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

/** What the alert's report said: the reason, and the symptoms and note behind it. */
export function AlertReading({ alert }: { alert: NonNullable<ObservedPerson['alert']> }) {
  return (
    <View className="observed__reading">
      <Text className="observed__alert">
        {alert.day} 报告：{alert.reason}
      </Text>
      {alert.symptoms.length > 0 ? (
        <Text className="observed__reading-line">
          症状：{alert.symptoms.map((symptom) => SYMPTOM_LABELS[symptom]).join('、')}
        </Text>
      ) : null}
      {alert.note ? <Text className="observed__reading-line">备注：{alert.note}</Text> : null}
    </View>
  );
}

/** Whom to call about the person, masked until the tap reveals (audited) and dials. */
function ContactLine({ call }: { call: ObservedPerson['call'] }) {
  if (!call) {
    return <Text className="observed__contact muted">未登记电话，请上门核实</Text>;
  }
  return (
    <View className="observed__contact">
      <Text className="observed__contact-who">
        {call.self ? '电话' : `家属 ${call.name}（代为登记）`}：{call.phoneMasked}
      </Text>
      <CallButton call={() => callPerson(call.personId, call.name)} />
    </View>
  );
}

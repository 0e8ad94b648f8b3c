import { Text, View } from '@tarojs/components';
import { CallButton } from '../../components/call-button';
import { OBSERVATION_CLASS_LABELS, type MissingReport } from '../../services/health';
import { callPerson } from '../../services/people';

const REMINDER_TEXT: Record<NonNullable<MissingReport['reminded']>, string> = {
  message: '已发送提醒',
  call: '需电话提醒',
};

/** One person not reported today: their reminder, and one tap to call (or call who registered them). */
export function MissingRow({ missing }: { missing: MissingReport }) {
  const escalated = missing.status === 'escalated';
  const { call } = missing;
  return (
    <View className={escalated ? 'card missing missing--escalated' : 'card missing'}>
      <View className="missing__head">
        <Text className="missing__name">{missing.name}</Text>
        <Text className="tag">{OBSERVATION_CLASS_LABELS[missing.class]}</Text>
        {escalated ? <Text className="tag missing__escalated">异常预警</Text> : null}
      </View>
      <Text className="small-note">
        {missing.lastReportDay ? `上次打卡：${missing.lastReportDay}` : '尚未打过卡'}
      </Text>
      <Text className={`missing__reminder missing__reminder--${missing.reminded ?? 'none'}`}>
        {missing.reminded ? REMINDER_TEXT[missing.reminded] : '尚未提醒'}
      </Text>
      {call ? (
        <View className="missing__call">
          <Text className="missing__phone">
            {call.self ? '手机' : `家属 ${call.name}（代为登记）`}：{call.phoneMasked}
          </Text>
          <CallButton call={() => callPerson(call.personId, call.name)} />
        </View>
      ) : (
        <Text className="missing__phone muted">未登记电话，请上门提醒</Text>
      )}
    </View>
  );
}

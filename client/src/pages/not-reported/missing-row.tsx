import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { MaskedValue } from '../../components/masked-value';
import { platform } from '../../platform';
import { OBSERVATION_CLASS_LABELS, type MissingReport } from '../../services/health';
import { revealPersonField } from '../../services/people';

const REMINDER_TEXT: Record<NonNullable<MissingReport['reminded']>, string> = {
  message: '已发送提醒',
  call: '需电话提醒',
};

/** Reveals the phone (audited) and, in the mini-program, offers to dial it at once. */
async function revealAndCall(personId: string) {
  const result = await revealPersonField(personId, 'phone');
  if (result.ok && platform.kind === 'weapp') {
    Taro.makePhoneCall({ phoneNumber: result.data.value }).catch(() => {
      // Cancelling the dialler is the user's choice; the number stays on screen to dial by hand.
    });
  }
  return result;
}

export function MissingRow({ missing }: { missing: MissingReport }) {
  const escalated = missing.status === 'escalated';
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
      <MaskedValue
        label="手机"
        masked={missing.phoneMasked}
        reveal={() => revealAndCall(missing.personId)}
      />
      <Text
        className={
          missing.reminded === 'call'
            ? 'missing__reminder missing__reminder--call'
            : 'missing__reminder'
        }
      >
        {missing.reminded ? REMINDER_TEXT[missing.reminded] : '尚未提醒'}
      </Text>
    </View>
  );
}

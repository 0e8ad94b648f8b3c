import { Button, Text, View } from '@tarojs/components';
import { platform } from '../../platform';
import { useResource } from '../../hooks/use-resource';
import { feverClinics, type FeverClinic } from '../../services/setup';

const EMERGENCY = '120';

/**
 * After a report with a fever or symptoms: what to do now, the 发热门诊 the command centre
 * designated with one tap to call each, and 120. The grid was alerted by the report itself.
 */
export function FeverGuidance({ name }: { name: string }) {
  const { state } = useResource(feverClinics, { topics: ['setup'] });
  const clinics = state.status === 'ready' ? state.data.clinics : [];
  return (
    <View className="card fever-guidance">
      <Text className="fever-guidance__title">{name} 体温偏高或有症状，请这样做</Text>
      <Text className="fever-guidance__step">1. 留在家中，戴好口罩，与家人分开，勤开窗通风。</Text>
      <Text className="fever-guidance__step">
        2. 网格长已收到提醒，会尽快与您联系；请保持电话畅通。
      </Text>
      <Text className="fever-guidance__step">
        3. 需要就诊时，先电话联系发热门诊，按指引前往，不要乘坐公共交通。
      </Text>
      <Text className="fever-guidance__step">4. 呼吸困难、胸痛等紧急情况，立即拨打 120。</Text>
      {state.status === 'loading' ? null : clinics.length > 0 ? (
        clinics.map((clinic) => (
          <ClinicLine key={`${clinic.name}:${clinic.phone}`} clinic={clinic} />
        ))
      ) : (
        <Text className="small-note">指挥部尚未设置发热门诊，请联系网格长询问就近发热门诊。</Text>
      )}
      <Button
        className="btn btn--danger btn--block fever-guidance__emergency"
        hoverClass="btn--pressed"
        onClick={() => void platform.makePhoneCall(EMERGENCY, '急救电话')}
      >
        拨打 120 急救电话
      </Button>
    </View>
  );
}

function ClinicLine({ clinic }: { clinic: FeverClinic }) {
  return (
    <View className="fever-clinic">
      <View className="fever-clinic__who">
        <Text className="fever-clinic__name">{clinic.name}</Text>
        <Text className="fever-clinic__line">{clinic.address}</Text>
        <Text className="fever-clinic__line">{clinic.phone}</Text>
      </View>
      <Button
        className="btn btn--primary btn--small"
        hoverClass="btn--pressed"
        onClick={() => void platform.makePhoneCall(clinic.phone, clinic.name)}
      >
        拨打
      </Button>
    </View>
  );
}

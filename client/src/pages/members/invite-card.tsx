import { Text, View } from '@tarojs/components';
import { PartyBadge } from '../../components/party-badge';
import { QrCode } from '../../components/qr-code';
import { formatChinaDateTime } from '../../services/format';
import { memberKindLabel, type InviteView } from '../../services/members';

/** The code large enough to read out, and its QR code for the newcomer's camera. */
export function InviteCard({ invite }: { invite: InviteView }) {
  return (
    <View className="card invite-card">
      <Text className="invite-card__caption">邀请码</Text>
      <Text className="invite-card__code" userSelect>
        {invite.code}
      </Text>
      <View className="invite-card__meta">
        <Text>
          {invite.gridName} · {memberKindLabel(invite.kind)}
        </Text>
        {invite.party ? <PartyBadge /> : null}
      </View>
      <View className="invite-card__qr">
        <QrCode text={invite.code} label={`邀请码 ${invite.code} 的二维码`} />
      </View>
      <Text className="invite-card__hint">
        请对方在「网格守护」首页点「加入网格」，扫描二维码或输入邀请码。
      </Text>
      <Text className="small-note">
        有效期至 {formatChinaDateTime(invite.expiresAt)} · 已用 {invite.uses} / {invite.maxUses}
      </Text>
    </View>
  );
}

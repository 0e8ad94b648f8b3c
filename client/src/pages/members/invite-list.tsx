import { Button, Text, View } from '@tarojs/components';
import { PartyBadge } from '../../components/party-badge';
import { formatChinaDateTime } from '../../services/format';
import { memberKindLabel, type InviteView } from '../../services/members';

export interface InviteListProps {
  invites: InviteView[];
  selectedCode: string | null;
  revokingCode: string | null;
  onShow: (invite: InviteView) => void;
  onRevoke: (invite: InviteView) => void;
}

/** Invites that still work: expired, used-up and revoked ones are left out by the server. */
export function InviteList({
  invites,
  selectedCode,
  revokingCode,
  onShow,
  onRevoke,
}: InviteListProps) {
  return (
    <View>
      {invites.map((invite) => (
        <View key={invite.code} className="card invite-row">
          <View className="invite-row__head">
            <Text className="invite-row__code">{invite.code}</Text>
            <Text className="tag">{memberKindLabel(invite.kind)}</Text>
            {invite.party ? <PartyBadge /> : null}
          </View>
          <Text className="invite-row__line">有效期至 {formatChinaDateTime(invite.expiresAt)}</Text>
          <Text className="invite-row__line">
            已用 {invite.uses} / {invite.maxUses}
          </Text>
          <View className="btn-row">
            {selectedCode !== invite.code ? (
              <Button
                className="btn btn--secondary btn--small"
                hoverClass="btn--pressed"
                onClick={() => onShow(invite)}
              >
                显示二维码
              </Button>
            ) : null}
            <Button
              className="btn btn--danger btn--small"
              hoverClass="btn--pressed"
              disabled={revokingCode === invite.code ? true : undefined}
              onClick={() => onRevoke(invite)}
            >
              {revokingCode === invite.code ? '撤销中…' : '撤销'}
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { memberKindLabel, type MemberView } from '../../services/members';
import { PartyBadge } from '../party-badge';
import './index.css';

export interface MemberRowProps {
  member: MemberView;
  /** Offered to those who manage the node; the caller confirms before anything is removed. */
  onRemove?: (member: MemberView) => void;
  removing?: boolean;
  /** Offered to those who manage the node, for members who joined by code and wait. */
  onConfirm?: (member: MemberView) => void;
  confirming?: boolean;
}

/** A team member: name, what they do in the node, the party badge and a masked phone. */
export function MemberRow({
  member,
  onRemove,
  removing = false,
  onConfirm,
  confirming = false,
}: MemberRowProps) {
  return (
    <View className="card member-row">
      <View className="member-row__main">
        <View className="member-row__head">
          <Text className="member-row__name">{member.name}</Text>
          {member.party ? <PartyBadge /> : null}
          <Text className="tag">{memberKindLabel(member.kind)}</Text>
          {member.pending ? <Text className="tag tag--pending">待确认</Text> : null}
          {member.self ? <Text className="tag tag--self">本人</Text> : null}
        </View>
        <Text className="member-row__phone">
          手机：{member.phoneMasked ?? <Text className="muted">未登记</Text>}
        </Text>
      </View>
      {onConfirm && member.pending ? (
        <Button
          className="btn btn--primary btn--small member-row__confirm"
          hoverClass="btn--pressed"
          disabled={confirming ? true : undefined}
          onClick={() => onConfirm(member)}
        >
          {confirming ? '确认中…' : '确认身份'}
        </Button>
      ) : null}
      {onRemove ? (
        <Button
          className="btn btn--danger btn--small member-row__remove"
          hoverClass="btn--pressed"
          disabled={removing ? true : undefined}
          onClick={() => onRemove(member)}
        >
          {removing ? '移出中…' : '移出'}
        </Button>
      ) : null}
    </View>
  );
}

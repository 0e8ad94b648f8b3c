import { Text, View } from '@tarojs/components';
import {
  PLEDGE_STATE_LABELS,
  visitSummary,
  type TargetRow as Row,
  type VisitState,
} from '../../../services/campaigns';
import './index.css';

/** The tag a door's state this round wears: done, waiting for a revisit, or for the leader. */
function tagClass(visit: VisitState | null): string {
  if (!visit) return 'tag';
  if (visit.flagged || visit.outcome === 'finding') return 'tag tag--alert';
  return visit.outcome === 'noHome' ? 'tag tag--waiting' : 'tag tag--done';
}

/** One door in a list: where it is, whose it is, how it stands this round. */
export function TargetRow(props: {
  row: Row;
  showAssignee?: boolean;
  /** Ticked in a pick list. */
  picked?: boolean;
  /** A visit of it waits on the phone to be sent (待同步). */
  queued?: boolean;
  onOpen?: () => void;
}) {
  const { row } = props;
  const state = visitSummary(row.visit);
  const flagged = row.visit?.flagged ? '待网格长处理' : null;
  const assignee = props.showAssignee ? (row.assignee?.name ?? '未分配') : null;
  const queued = props.queued ? '待同步' : null;
  const pledge = row.pledge ? PLEDGE_STATE_LABELS[row.pledge] : null;
  return (
    <View
      className={props.picked ? 'card target-row target-row--picked' : 'card target-row'}
      ariaRole={props.onOpen ? 'button' : undefined}
      ariaLabel={[
        row.label,
        state,
        pledge,
        queued,
        flagged,
        assignee,
        props.picked ? '已选中' : null,
      ]
        .filter(Boolean)
        .join('，')}
      onClick={props.onOpen}
    >
      <Text className="target-row__label">{row.label}</Text>
      <View className="target-row__line">
        <Text className={tagClass(row.visit)}>{state}</Text>
        {queued ? <Text className="tag tag--waiting">{queued}</Text> : null}
        {flagged ? <Text className="tag tag--alert">{flagged}</Text> : null}
        {pledge ? (
          <Text className={row.pledge === 'signed' ? 'tag tag--done' : 'tag tag--waiting'}>
            {pledge}
          </Text>
        ) : null}
        {assignee ? <Text className="tag">{assignee}</Text> : null}
      </View>
    </View>
  );
}

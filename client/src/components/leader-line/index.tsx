import { Text, View } from '@tarojs/components';
import type { GridNodeView } from '../../services/grids';
import { PartyBadge } from '../party-badge';

/** 网格长：who leads a node, with the party badge, or 未设置 when nobody does yet. */
export function LeaderLine(props: { leader: GridNodeView['leader']; className: string }) {
  const { leader } = props;
  return (
    <View className={props.className}>
      <Text>网格长：</Text>
      {leader ? (
        <Text>
          {leader.name}
          {leader.party ? <PartyBadge /> : null}
        </Text>
      ) : (
        <Text className="muted">未设置</Text>
      )}
    </View>
  );
}

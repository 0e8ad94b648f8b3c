import { Text, View } from '@tarojs/components';
import type { GridNodeView } from '../../services/grids';
import { LeaderLine } from '../../components/leader-line';

/** Where the node sits, who leads it and how much is under it. */
export function NodeHeader({ node }: { node: GridNodeView }) {
  return (
    <View className="card node-header">
      {/* The ancestors only: the node's own name is the heading, and a root has none above. */}
      {node.path.length > 0 ? (
        <Text className="node-header__path">
          {node.path.map((ancestor) => ancestor.name).join(' › ')}
        </Text>
      ) : null}
      <View className="node-header__title">
        <Text className="node-header__name">{node.name}</Text>
        <Text className="tag">{node.levelName}</Text>
      </View>
      <LeaderLine leader={node.leader} className="node-header__line" />
      <View className="node-header__counts">
        <Count label="下级网格" value={node.childCount} />
        <Count label="住户" value={node.counts.households} />
        <Count label="居民" value={node.counts.people} />
        <Count label="成员" value={node.counts.members} />
      </View>
      <Text className="small-note">住户、居民、成员含全部下级网格</Text>
    </View>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <View className="node-header__count">
      <Text className="node-header__count-value">{value}</Text>
      <Text className="node-header__count-label">{label}</Text>
    </View>
  );
}

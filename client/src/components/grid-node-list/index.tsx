import { Text, View } from '@tarojs/components';
import { subtreeCountsText, type GridNodeView } from '../../services/grids';
import './index.css';
import { LeaderLine } from '../leader-line';

export interface GridNodeListProps {
  items: GridNodeView[];
  onOpen: (node: GridNodeView) => void;
  /** Where each node sits, for lists that mix branches (the roots a caller may browse). */
  showPath?: boolean;
}

/** Grid nodes with their leader and subtree counts; tapping one opens it. */
export function GridNodeList({ items, onOpen, showPath = false }: GridNodeListProps) {
  return (
    <View className="grid-node-list">
      {items.map((node) => (
        <GridNodeRow key={node.id} node={node} showPath={showPath} onOpen={onOpen} />
      ))}
    </View>
  );
}

function GridNodeRow({
  node,
  showPath,
  onOpen,
}: {
  node: GridNodeView;
  showPath: boolean;
  onOpen: (node: GridNodeView) => void;
}) {
  return (
    <View
      className="grid-node"
      hoverClass="grid-node--pressed"
      ariaRole="button"
      onClick={() => onOpen(node)}
    >
      {showPath && node.path.length > 0 ? (
        <Text className="grid-node__path">
          {node.path.map((ancestor) => ancestor.name).join(' › ')} ›
        </Text>
      ) : null}
      <View className="grid-node__head">
        <Text className="grid-node__name">{node.name}</Text>
        <Text className="tag">{node.levelName}</Text>
      </View>
      <LeaderLine leader={node.leader} className="grid-node__line" />
      <Text className="grid-node__counts">
        下级网格 {node.childCount} · {subtreeCountsText(node)}
      </Text>
      <Text className="grid-node__chevron">›</Text>
    </View>
  );
}

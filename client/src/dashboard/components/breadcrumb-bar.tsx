import { Text, View } from '@tarojs/components';
import type { DashboardNode } from '../../services/dashboard';

/** Root first; every ancestor is a tap target that opens its own report. */
export function BreadcrumbBar({
  node,
  onOpen,
}: {
  node: DashboardNode;
  onOpen: (gridId: string) => void;
}) {
  return (
    <View className="breadcrumbs">
      {node.breadcrumbs.map((crumb) => (
        <View key={crumb.gridId} className="breadcrumbs__item">
          <Text className="breadcrumbs__link" onClick={() => onOpen(crumb.gridId)}>
            {crumb.name}
          </Text>
          <Text className="breadcrumbs__sep">›</Text>
        </View>
      ))}
      <Text className="breadcrumbs__current">{node.name}</Text>
    </View>
  );
}

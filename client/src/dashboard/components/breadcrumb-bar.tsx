import { Text, View } from '@tarojs/components';
import type { DashboardNode } from '../../services/dashboard';

/**
 * The ancestors the caller may open, root first, each a tap target that opens its own report.
 * The server lists only those: a community leader sees no 九江镇 to be refused at. The node itself
 * is the heading below, so it is not repeated here.
 */
export function BreadcrumbBar({
  crumbs,
  onOpen,
}: {
  crumbs: DashboardNode['breadcrumbs'];
  onOpen: (gridId: string) => void;
}) {
  if (crumbs.length === 0) return null;
  return (
    <View className="breadcrumbs" ariaRole="navigation" ariaLabel="上级网格">
      {crumbs.map((crumb) => (
        <View
          key={crumb.gridId}
          className="breadcrumbs__item"
          hoverClass="breadcrumbs__item--pressed"
          ariaRole="link"
          ariaLabel={`打开「${crumb.name}」的日报`}
          onClick={() => onOpen(crumb.gridId)}
        >
          <Text className="breadcrumbs__link">{crumb.name}</Text>
          <Text className="breadcrumbs__sep">›</Text>
        </View>
      ))}
    </View>
  );
}

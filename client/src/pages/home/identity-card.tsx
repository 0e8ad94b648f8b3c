import { Text, View } from '@tarojs/components';
import { withLevelName } from '@gridguard/types';
import {
  GRID_PATH_SEPARATOR,
  gridPathNames,
  roleLabels,
  type Identity,
} from '../../services/identity';

/** A registered user's name, roles and place in the grid tree. */
export function IdentityCard({ identity }: { identity: Identity }) {
  const labels = roleLabels(identity.roles);
  const grid = identity.grid;
  return (
    <View className="identity-card">
      <Text className="identity-card__label">姓名</Text>
      <Text className="identity-card__name">{identity.name ?? '未填写姓名'}</Text>

      <Text className="identity-card__label">身份</Text>
      <View className="identity-card__roles">
        {labels.length > 0 ? (
          labels.map((label) => (
            <Text key={label} className="role-tag">
              {label}
            </Text>
          ))
        ) : (
          <Text className="identity-card__muted">暂无身份</Text>
        )}
      </View>

      <Text className="identity-card__label">{withLevelName('所在网格', grid?.levelName)}</Text>
      <Text className="identity-card__grid">
        {grid ? gridPathNames(grid).join(GRID_PATH_SEPARATOR) : '尚未分配网格'}
      </Text>
    </View>
  );
}

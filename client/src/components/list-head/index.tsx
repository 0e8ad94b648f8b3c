import { Text, View } from '@tarojs/components';
import type { PagedListState } from '../../hooks/use-paged-list';

/**
 * A paged list's heading: its title and, once loaded, how many there are in all (not just the
 * page shown), e.g. 「今日未报 · 共 12 人」.
 */
export function ListHead<T>(props: {
  title: string;
  list: PagedListState<T>;
  unit: string;
  /** Words before the number; 共 by default. */
  prefix?: string;
  /** A page's own title, or a section's within a page. */
  level?: 'page' | 'section';
}) {
  const { title, list, unit, prefix = '共', level = 'section' } = props;
  return (
    <View className="section__head">
      <Text className={`${level}__title`}>{title}</Text>
      {list.status === 'ready' ? (
        <Text className="section__meta">
          {prefix} {list.total} {unit}
        </Text>
      ) : null}
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useResource } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import { listUnreadReports } from '../../services/dashboard';

/**
 * Daily reports that reached this leader without a WeChat message (no subscription credit left):
 * one card each until they open that node's report, which marks it read.
 */
export function UnreadReports() {
  // Opening a report marks it read (the card goes); the evening's report arrives by itself.
  const { state, reload } = useResource(listUnreadReports, {
    topics: ['unreadReports', 'daily'],
    live: true,
  });

  if (state.status === 'loading') return null;
  if (state.status === 'failed') {
    return (
      <View className="unread unread--failed">
        <Text className="unread__failed">未读日报加载失败：{state.message}</Text>
        <Button className="btn btn--small btn--secondary" onClick={() => void reload()}>
          重试
        </Button>
      </View>
    );
  }
  const { items } = state.data;
  if (items.length === 0) return null;
  return (
    <View className="unread">
      {items.map((item) => (
        <View
          key={`${item.gridId}:${item.day}`}
          className="unread-card"
          hoverClass="unread-card--pressed"
          onClick={() => openPage(routes.dashboard(item.gridId, item.day))}
        >
          <Text className="unread-card__tag">未读日报</Text>
          <Text className="unread-card__title">
            {item.name} · {item.day}
          </Text>
          <Text className="unread-card__summary">{item.summary}</Text>
          <Text className="unread-card__open">点击查看 ›</Text>
        </View>
      ))}
    </View>
  );
}

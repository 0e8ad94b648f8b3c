import { Text, View } from '@tarojs/components';
import { useResource } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import { countUnreadNotices } from '../../services/notices';

/**
 * 通知公告 on home, with how many of the caller's notices they have not opened yet. Opening one
 * marks the topic stale; others publish new ones, so it is read again whenever home shows.
 */
export function NoticesEntry() {
  const { state, reload } = useResource(countUnreadNotices, { topics: ['notices'], live: true });
  const unread = state.status === 'ready' ? state.data.count : 0;
  return (
    <View
      className="notices-entry"
      hoverClass="notices-entry--pressed"
      onClick={() => openPage(routes.notices())}
    >
      <View className="notices-entry__text">
        <Text className="notices-entry__title">通知公告</Text>
        <Text className="notices-entry__hint">
          {state.status === 'failed'
            ? '未读数加载失败，点击查看通知'
            : unread > 0
              ? `${unread} 条未读，点击查看`
              : '社区通知、办事指南，可听语音'}
        </Text>
      </View>
      {unread > 0 ? (
        <Text className="notices-entry__badge">{unread > 99 ? '99+' : unread}</Text>
      ) : null}
      {state.status === 'failed' ? (
        <Text
          className="notices-entry__retry"
          onClick={(event) => {
            // Reads the count again without opening the list.
            event.stopPropagation();
            void reload();
          }}
        >
          重试
        </Text>
      ) : null}
    </View>
  );
}

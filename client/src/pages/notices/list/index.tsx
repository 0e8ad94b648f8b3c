import { Button, Text, View } from '@tarojs/components';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { useElderClass } from '../../../hooks/use-elder-mode';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { openPage, routes } from '../../../routes';
import { formatChinaDateTime } from '../../../services/format';
import { toastDone } from '../../../interaction';
import {
  askForNoticeReminderConsent,
  listNoticeFeed,
  type NoticeRow,
} from '../../../services/notices';
import '../shared.css';

/**
 * 通知公告: the caller's notices (their household's nodes and above, or the nodes they serve),
 * pinned first and then newest, each with a dot until they open it.
 */
export default function NoticeListPage() {
  // Others publish and withdraw: read again whenever the page shows, and after an open.
  const list = usePagedList(listNoticeFeed, { topics: ['notices'], live: true });
  usePullRefresh(list.reload);
  const rootClass = useElderClass('page');
  return (
    <View className={rootClass}>
      <ListHead title="通知公告" list={list.state} unit="条" level="page" />
      <ReminderConsent />
      <PagedStates
        list={list}
        failedTitle="通知加载失败"
        empty={{ title: '暂无通知', message: '社区和镇里发布的通知会出现在这里' }}
      >
        {(items) => (
          <>
            {items.map((notice) => (
              <NoticeListRow key={notice.id} notice={notice} />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

/**
 * 开启提醒: without a consent the 网格员's 提醒未读 cannot reach this reader. Each tap is one
 * consent, as WeChat counts them, so the button stays for the next one.
 */
function ReminderConsent() {
  const ask = async () => {
    const decision = await askForNoticeReminderConsent();
    if (decision === 'accept') toastDone('已开启提醒');
  };
  return (
    <View className="notice-consent">
      <Text className="small-note">
        开启后，有通知您还没看时，网格员可以通过微信提醒您（每开启一次可收到一条提醒）。
      </Text>
      <Button
        className="btn btn--secondary btn--small"
        hoverClass="btn--pressed"
        onClick={() => void ask()}
      >
        开启提醒
      </Button>
    </View>
  );
}

function NoticeListRow({ notice }: { notice: NoticeRow }) {
  const unread = notice.read === false;
  return (
    <View
      className={unread ? 'card notice-row notice-row--unread' : 'card notice-row'}
      hoverClass="notice-row--pressed"
      onClick={() => openPage(routes.notice(notice.id))}
    >
      <View className="notice-row__head">
        {unread ? <Text className="notice-row__dot" /> : null}
        <Text className="notice-row__title">{notice.title}</Text>
        {notice.pinned ? <Text className="tag notice-tag--pinned">置顶</Text> : null}
      </View>
      <Text className="notice-row__meta">
        {notice.gridName} · {notice.author}
      </Text>
      <Text className="notice-row__meta">
        {notice.publishedAt ? formatChinaDateTime(notice.publishedAt) : ''}
        {unread ? '　未读' : ''}
      </Text>
      {notice.audioLabels.length > 0 ? (
        <View className="notice-row__audio">
          <Text className="notice-row__speaker">🔊</Text>
          {notice.audioLabels.map((label, index) => (
            <Text key={index} className="tag notice-tag--audio">
              {label}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

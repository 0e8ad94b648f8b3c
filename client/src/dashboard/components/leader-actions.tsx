import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { toastDone } from '../../interaction';
import { askForDailyReportConsent, refreshReport } from '../../services/dashboard';

const CONSENT_NOTICES = {
  accept: { kind: 'success', text: '已订阅：下一份日报生成后将通过微信通知您' },
  reject: { kind: 'error', text: '未订阅：下次查看日报时可再订阅' },
  ban: { kind: 'error', text: '您已关闭此类通知，请在微信设置中重新开启' },
  filter: { kind: 'error', text: '该通知被微信拦截，暂时无法订阅' },
  failed: { kind: 'error', text: '订阅请求失败，请重试' },
} as const;

type Notice = { kind: 'success' | 'error'; text: string };

/** 立即生成 and 订阅日报提醒, for leaders and the command centre. */
export function LeaderActions({
  gridId,
  onRefreshed,
}: {
  gridId: string;
  onRefreshed: () => void;
}) {
  const [refreshing, setRefreshing] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const onRefresh = async () => {
    if (refreshing) return;
    setRefreshing(true);
    setNotice(null);
    const result = await refreshReport(gridId);
    setRefreshing(false);
    if (!result.ok) {
      setNotice({ kind: 'error', text: `生成失败：${result.message}` });
      return;
    }
    toastDone(result.data.reused ? '已是最新日报' : '日报已生成');
    onRefreshed();
  };

  // WeChat asks for consent only from inside a tap, so nothing may be awaited before this call.
  const onSubscribe = async () => {
    setNotice(null);
    const decision = await askForDailyReportConsent();
    setNotice(CONSENT_NOTICES[decision]);
  };

  return (
    <View className="leader-actions">
      <View className="btn-row">
        <Button
          className="btn btn--primary"
          hoverClass="btn--pressed"
          disabled={refreshing ? true : undefined}
          onClick={() => void onRefresh()}
        >
          {refreshing ? '生成中…' : '立即生成'}
        </Button>
        <Button
          className="btn btn--secondary"
          hoverClass="btn--pressed"
          onClick={() => void onSubscribe()}
        >
          订阅日报提醒
        </Button>
      </View>
      {notice ? <Text className={`notice notice--${notice.kind}`}>{notice.text}</Text> : null}
    </View>
  );
}

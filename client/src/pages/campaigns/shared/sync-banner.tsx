import { Button, Text, View } from '@tarojs/components';
import type { QueuedVisit, SyncReport } from '../../../services/visit-queue';
import './index.css';

/** 待同步: how many visits wait on the phone, 立即同步, and what the last sync could not send. */
export function SyncBanner(props: {
  waiting: readonly QueuedVisit[];
  syncing: boolean;
  report: SyncReport | null;
  onSync: () => void;
}) {
  const { waiting, report } = props;
  if (waiting.length === 0 && !report?.refused.length) return null;
  return (
    <View className="card sync-banner">
      {waiting.length > 0 ? (
        <Text className="section__title">待同步 {waiting.length} 条走访记录</Text>
      ) : null}
      {waiting.length > 0 ? (
        <Text className="small-note">网络恢复后会自动发送，也可以点「立即同步」</Text>
      ) : null}
      {report?.refused.map(({ visit, message }) => (
        <Text key={visit.input.clientId} className="notice notice--error">
          {visit.label} 未能记录：{message}
        </Text>
      ))}
      {waiting.length > 0 ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          disabled={props.syncing ? true : undefined}
          onClick={props.onSync}
        >
          {props.syncing ? '同步中…' : '立即同步'}
        </Button>
      ) : null}
    </View>
  );
}

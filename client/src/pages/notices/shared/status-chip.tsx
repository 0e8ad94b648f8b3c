import { Text } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, type NoticeStatus } from '../../../services/notices-manage';

/** 草稿 / 已发布 / 已撤回, each in its own colour so a list reads at a glance. */
export function StatusChip({ status }: { status: NoticeStatus }) {
  return (
    <Text className={`status-chip status-chip--${status}`}>{NOTICE_STATUS_LABELS[status]}</Text>
  );
}

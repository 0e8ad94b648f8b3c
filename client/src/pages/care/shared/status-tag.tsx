import { Text } from '@tarojs/components';
import { CARE_STATUS_LABELS, type CareStatus } from '../../../services/contacts';

/** 今日已报 / 今日未报 / 异常 / 观察中 as a coloured tag; nothing for someone not observed. */
export function StatusTag({ status }: { status: CareStatus }) {
  if (status === 'none') return null;
  return (
    <Text className={`tag care-status care-status--${status}`}>{CARE_STATUS_LABELS[status]}</Text>
  );
}

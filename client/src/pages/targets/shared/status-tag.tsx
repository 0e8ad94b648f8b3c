import { Text } from '@tarojs/components';
import { ENTERPRISE_STATUS_LABELS, type EnterpriseStatus } from '../../../services/targets';

/** An enterprise's 复工 status, one colour each wherever it shows. */
export function StatusTag({ status }: { status: EnterpriseStatus }) {
  return (
    <Text className={`tag target-status target-status--${status}`}>
      {ENTERPRISE_STATUS_LABELS[status]}
    </Text>
  );
}

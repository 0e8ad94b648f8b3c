import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { confirmAttention, toastDone } from '../../../interaction';
import { resolveAlert, type ObservationView } from '../../../services/observations';
import { ReasonForm } from '../../../components/reason-form';

/**
 * 解除异常: after checking the person (a visit, a second reading, a call) the leader clears the
 * alert; they stay under observation as before.
 */
export function ResolveAlert({
  observation,
  onResolved,
}: {
  observation: ObservationView;
  onResolved: () => void;
}) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <View className="btn-row">
        <Button
          className="btn btn--primary"
          hoverClass="btn--pressed"
          onClick={() => setOpen(true)}
        >
          解除异常
        </Button>
      </View>
    );
  }
  return (
    <ReasonForm
      label="核实情况"
      placeholder="例如：上门复测体温 36.6℃，无不适"
      submitText="确认解除"
      hint="2–100 个字，将留存记录"
      confirm={(reason) =>
        confirmAttention(
          '确认解除异常',
          `${observation.name}的异常提醒将被解除，继续居家观察。核实情况：${reason}`,
          '确认解除',
        )
      }
      submit={(reason) => resolveAlert(observation.personId, reason)}
      onDone={() => {
        setOpen(false);
        toastDone('已解除异常');
        onResolved();
      }}
      onBack={() => setOpen(false)}
      backText="取消"
    />
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrandCard } from '../../../components/errand-card';
import { ReasonForm } from '../../../components/reason-form';
import { askToConfirm, confirmDestructive, toastDone } from '../../../interaction';
import {
  cancelErrand,
  confirmReceipt,
  formatYuan,
  type ErrandView,
} from '../../../services/errands';

/** One of the household's errands, with what the requester can do at its current step. */
export function MyErrand({ errand, onChanged }: { errand: ErrandView; onChanged: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const confirm = async () => {
    if (busy) return;
    const spent = errand.amountSpent === null ? '' : `实付 ${formatYuan(errand.amountSpent)}，`;
    const yes = await askToConfirm(
      '确认收货',
      `${spent}确认已收到物品？确认后本单完成。`,
      '确认收货',
    );
    if (!yes) return;
    setBusy(true);
    setMessage(null);
    const result = await confirmReceipt(errand.id);
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    toastDone('已确认收货');
    onChanged();
  };

  return (
    <ErrandCard errand={errand}>
      {errand.status === 'claimed' || errand.status === 'purchased' ? (
        <Text className="small-note">志愿者正在办理，如需取消请联系认领的志愿者</Text>
      ) : null}
      {errand.status === 'delivered' ? (
        <Text className="notice notice--success">志愿者已送达，请查收后确认</Text>
      ) : null}
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      {errand.status === 'open' && cancelling ? (
        <ReasonForm
          label="取消原因"
          placeholder="如：家人已买到"
          submitText="确认取消"
          destructive
          confirm={() =>
            confirmDestructive('确认取消这个代购需求？取消后志愿者将看不到它。', '确认取消')
          }
          submit={(reason) => cancelErrand(errand.id, reason)}
          onDone={() => {
            toastDone('已取消');
            onChanged();
          }}
          backText="返回"
          onBack={() => setCancelling(false)}
        />
      ) : null}
      <View className="btn-row">
        {errand.status === 'open' && !cancelling ? (
          <Button
            className="btn btn--danger"
            hoverClass="btn--pressed"
            onClick={() => setCancelling(true)}
          >
            取消代购
          </Button>
        ) : null}
        {errand.status === 'delivered' ? (
          <Button
            className="btn btn--primary"
            hoverClass="btn--pressed"
            disabled={busy ? true : undefined}
            onClick={() => void confirm()}
          >
            {busy ? '提交中…' : '确认收货'}
          </Button>
        ) : null}
      </View>
    </ErrandCard>
  );
}

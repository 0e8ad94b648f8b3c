import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrandCard } from '../../../components/errand-card';
import { ReasonForm } from '../../../components/reason-form';
import { confirmDestructive, toastDone } from '../../../interaction';
import { cancelErrand, confirmReceipt, type ErrandView } from '../../../services/errands';

type Settling = 'cancel' | 'confirm' | null;

/**
 * One errand of the node. Its leader may cancel an open one or confirm a delivered one on the
 * household's behalf (an elderly resident without the mini-program): always with a reason, which
 * the server audits.
 */
export function NodeErrand({
  errand,
  settle,
  onChanged,
}: {
  errand: ErrandView;
  settle: boolean;
  onChanged: () => void;
}) {
  const [settling, setSettling] = useState<Settling>(null);
  const can: Settling =
    errand.status === 'open' ? 'cancel' : errand.status === 'delivered' ? 'confirm' : null;
  if (!settle || !can) return <ErrandCard errand={errand} />;

  const done = (title: string) => {
    toastDone(title);
    setSettling(null);
    onChanged();
  };

  return (
    <ErrandCard errand={errand}>
      {settling === 'cancel' ? (
        <ReasonForm
          label="代为取消的原因"
          placeholder="如：居民已住院，不再需要"
          submitText="确认取消"
          destructive
          confirm={() =>
            confirmDestructive('代居民取消这个代购需求？取消后志愿者将看不到它。', '确认取消')
          }
          submit={(reason) => cancelErrand(errand.id, reason)}
          onDone={() => done('已取消')}
          backText="返回"
          onBack={() => setSettling(null)}
        />
      ) : null}
      {settling === 'confirm' ? (
        <ReasonForm
          label="代为确认的原因"
          placeholder="如：已电话核实居民收到物品"
          submitText="确认收货"
          confirm={() => confirmDestructive('代居民确认已收到物品？确认后本单完成。', '确认收货')}
          submit={(reason) => confirmReceipt(errand.id, reason)}
          onDone={() => done('已确认收货')}
          backText="返回"
          onBack={() => setSettling(null)}
        />
      ) : null}
      {settling === null ? (
        <View className="btn-row">
          <Button
            className={can === 'cancel' ? 'btn btn--danger' : 'btn btn--primary'}
            hoverClass="btn--pressed"
            onClick={() => setSettling(can)}
          >
            {can === 'cancel' ? '代为取消' : '代为确认收货'}
          </Button>
        </View>
      ) : null}
    </ErrandCard>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrandCard } from '../../../components/errand-card';
import { ReasonForm } from '../../../components/reason-form';
import { confirmDestructive, toastDone } from '../../../interaction';
import { unclaimErrand, type ErrandView } from '../../../services/errands';
import { ContactCard } from './contact-card';
import { DeliveryForm } from './delivery-form';
import { PurchaseForm } from './purchase-form';

const DONE_TEXT: Partial<Record<ErrandView['status'], string>> = {
  delivered: '已送达，等待居民确认收货',
  confirmed: '居民已确认收货，辛苦了！',
};

/** One claimed errand: the contact while it is active, and the next step to record. */
export function ClaimedErrand({
  errand,
  onChanged,
}: {
  errand: ErrandView;
  onChanged: () => void;
}) {
  const [givingUp, setGivingUp] = useState(false);
  const active = errand.status === 'claimed' || errand.status === 'purchased';
  const done = DONE_TEXT[errand.status];

  return (
    <ErrandCard errand={errand}>
      {active ? <ContactCard errandId={errand.id} /> : null}
      {done ? <Text className="notice notice--success">{done}</Text> : null}
      {errand.status === 'claimed' && !givingUp ? (
        <PurchaseForm errand={errand} onRecorded={onChanged} />
      ) : null}
      {errand.status === 'purchased' ? (
        <DeliveryForm errandId={errand.id} onRecorded={onChanged} />
      ) : null}
      {errand.status === 'claimed' && givingUp ? (
        <ReasonForm
          label="放弃原因"
          placeholder="如：临时有事，无法前往"
          submitText="确认放弃"
          destructive
          confirm={() =>
            confirmDestructive('确认放弃认领？这单将退回代购池，由其他志愿者认领。', '确认放弃')
          }
          submit={(reason) => unclaimErrand(errand.id, reason)}
          onDone={() => {
            toastDone('已放弃认领');
            onChanged();
          }}
          backText="返回"
          onBack={() => setGivingUp(false)}
        />
      ) : null}
      {errand.status === 'claimed' && !givingUp ? (
        <View className="btn-row">
          <Button
            className="btn btn--danger btn--small"
            hoverClass="btn--pressed"
            onClick={() => setGivingUp(true)}
          >
            放弃认领
          </Button>
        </View>
      ) : null}
    </ErrandCard>
  );
}

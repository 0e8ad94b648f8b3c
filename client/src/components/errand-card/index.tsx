import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { formatChinaDateTime } from '../../services/format';
import {
  ERRAND_STATUS_LABELS,
  formatYuan,
  urgencyLabel,
  type ErrandView,
} from '../../services/errands';
import { ErrandPhotos } from '../errand-photos';
import { ErrandSteps } from '../errand-steps';
import './index.css';

export interface ErrandCardProps {
  errand: ErrandView;
  /** The pool shows no progress line: everything there is 待认领. */
  showSteps?: boolean;
  /** What the viewer may do with it (buttons, forms), under the details. */
  children?: ReactNode;
}

/** One errand as every list shows it: what to buy, how urgent, for whom, and how far it got. */
export function ErrandCard({ errand, showSteps = true, children }: ErrandCardProps) {
  const urgent = errand.urgency >= 4;
  return (
    <View className={urgent ? 'card errand-card errand-card--urgent' : 'card errand-card'}>
      <View className="errand-card__head">
        <Text className="errand-card__who">{errand.requesterName}</Text>
        <Text className={urgent ? 'tag errand-card__urgency--high' : 'tag'}>
          {urgencyLabel(errand.urgency)}
        </Text>
        <Text className={`tag errand-card__status errand-card__status--${errand.status}`}>
          {ERRAND_STATUS_LABELS[errand.status]}
        </Text>
      </View>
      <View className="errand-card__items">
        {errand.items.map((item, index) => (
          <Text key={`${index}:${item.name}`} className="errand-card__item">
            {item.name} × {item.quantity}
            {item.note ? <Text className="muted">（{item.note}）</Text> : null}
          </Text>
        ))}
      </View>
      <Text className="errand-card__line">
        预算 {formatYuan(errand.budget)}
        {errand.amountSpent !== null ? ` · 实付 ${formatYuan(errand.amountSpent)}` : ''}
      </Text>
      <Text className="errand-card__line">
        {errand.contactless ? '无接触配送（放门口）' : '当面交付'}
        {errand.deliveryNote ? ` · ${errand.deliveryNote}` : ''}
      </Text>
      {errand.cancelReason ? (
        <Text className="errand-card__line errand-card__cancel">
          取消原因：{errand.cancelReason}
        </Text>
      ) : null}
      {errand.claimer ? (
        <Text className="errand-card__line">
          认领人：{errand.claimer.name}
          {errand.claimer.party ? '（党员）' : ''}
        </Text>
      ) : null}
      <Text className="small-note">
        {errand.gridName} · {formatChinaDateTime(errand.createdAt)} 提交
      </Text>
      <ErrandPhotos errand={errand} />
      {showSteps ? <ErrandSteps status={errand.status} /> : null}
      {children}
    </View>
  );
}

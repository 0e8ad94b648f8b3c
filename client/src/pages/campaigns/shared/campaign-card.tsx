import { Text, View } from '@tarojs/components';
import { TARGET_KIND_LABELS, type CampaignRow } from '../../../services/campaigns';
import './index.css';

/** A campaign in a list: its name, node, kind, round and days. */
export function CampaignCard(props: { campaign: CampaignRow; onOpen: () => void }) {
  const { campaign } = props;
  const status =
    campaign.status === 'closed' ? '已结束' : `第 ${campaign.round} / ${campaign.rounds} 轮`;
  return (
    <View
      className="card campaign-card"
      ariaRole="button"
      ariaLabel={`${campaign.name}，${campaign.gridName}，${status}`}
      onClick={props.onOpen}
    >
      <Text className="campaign-card__name">{campaign.name}</Text>
      <View className="campaign-card__line">
        <Text className={campaign.status === 'closed' ? 'tag' : 'tag tag--done'}>{status}</Text>
        <Text className="tag">{TARGET_KIND_LABELS[campaign.kind]}</Text>
      </View>
      <Text className="campaign-card__line">
        {campaign.gridName} · {campaign.startDay} 至 {campaign.endDay}
      </Text>
    </View>
  );
}

import { Text } from '@tarojs/components';
import './index.css';

/** 亮身份: a party member shows the badge wherever their name appears. */
export function PartyBadge() {
  return <Text className="party-badge">党员</Text>;
}

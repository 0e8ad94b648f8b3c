import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ResourcePage } from '../../../components/status-block';
import { useResource } from '../../../hooks/use-resource';
import { formatChinaDateTime } from '../../../services/format';
import { riskAreasInForce, type RulesView } from '../../../services/setup';
import { RulesForm } from './rules-form';
import './index.css';

/** 风险地区: the command centre's 中高风险地区 and observation days, which classify returns. */
export default function RiskAreasPage() {
  const { state, reload } = useResource(riskAreasInForce);
  // What the last save answered: the list read on opening is stale after it.
  const [saved, setSaved] = useState<RulesView | null>(null);

  return (
    <ResourcePage state={state} onRetry={reload}>
      {(data) => <RiskAreasView current={saved ?? data} onSaved={setSaved} />}
    </ResourcePage>
  );
}

function RiskAreasView(props: { current: RulesView; onSaved: (saved: RulesView) => void }) {
  const { current } = props;
  return (
    <View className="page risk-areas">
      <Text className="page__title">中高风险地区</Text>
      <Text className="page__hint">
        对全镇生效：保存后新登记的返乡人员按此分类，已登记的不受影响。
      </Text>
      <Text className="risk-areas__last">{lastChange(current)}</Text>
      {/* A save starts the form afresh from what the server kept. */}
      <RulesForm key={current.updatedAt ?? ''} current={current} onSaved={props.onSaved} />
    </View>
  );
}

function lastChange(rules: RulesView): string {
  if (!rules.updatedAt) return '尚未修改过。';
  const by = rules.updatedBy ? `${rules.updatedBy}，` : '';
  return `最后修改：${by}${formatChinaDateTime(rules.updatedAt)}`;
}

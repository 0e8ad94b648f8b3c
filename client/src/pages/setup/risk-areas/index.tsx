import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { LoadFailed, StatusBlock } from '../../../components/status-block';
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

  if (state.status === 'loading') {
    return (
      <View className="page">
        <StatusBlock kind="loading" title="加载中…" />
      </View>
    );
  }
  if (state.status === 'failed') {
    return (
      <View className="page">
        <LoadFailed message={state.message} onRetry={reload} />
      </View>
    );
  }
  const current = saved ?? state.data;
  return (
    <View className="page risk-areas">
      <Text className="page__title">中高风险地区</Text>
      <Text className="page__hint">
        对全镇生效：保存后新登记的返乡人员按此分类，已登记的不受影响。
      </Text>
      <Text className="risk-areas__last">{lastChange(current)}</Text>
      {/* A save starts the form afresh from what the server kept. */}
      <RulesForm key={current.updatedAt ?? ''} current={current} onSaved={setSaved} />
    </View>
  );
}

function lastChange(rules: RulesView): string {
  if (!rules.updatedAt) return '尚未修改过。';
  const by = rules.updatedBy ? `${rules.updatedBy}，` : '';
  return `最后修改：${by}${formatChinaDateTime(rules.updatedAt)}`;
}

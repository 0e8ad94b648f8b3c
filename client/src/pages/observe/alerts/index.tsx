import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { MissingGrid } from '../../../components/status-block';
import { decodeParam } from '../../../routes';
import { NodeScope } from '../shared/node-scope';
import { ObservationList } from '../shared/observation-list';
import { ObservationRow } from '../shared/observation-row';
import { ResolveAlert } from '../shared/resolve-alert';
import { ResolvedAlerts } from '../shared/resolved-alerts';
import '../shared/index.css';

type Shown = 'open' | 'resolved';
const SHOWN_CHOICES: readonly { value: Shown; label: string }[] = [
  { value: 'open', label: '待处理' },
  { value: 'resolved', label: '已处理' },
];

/**
 * 异常提醒: who under observation in the subtree reported a fever or symptoms, newest first, and
 * (已处理) every alert resolved before, with its check. The feverAlert subscribe message opens this
 * page for the leader's node.
 */
export default function AlertsPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  const [shown, setShown] = useState<Shown>('open');
  if (!gridId) return <MissingGrid />;
  return (
    <View className="page observe-page">
      <NodeScope gridId={gridId} title="异常提醒">
        {(detail) => (
          <View>
            <ChoiceChips options={SHOWN_CHOICES} value={shown} onChange={setShown} />
            {shown === 'resolved' ? (
              <ResolvedAlerts gridId={gridId} />
            ) : (
              <>
                <Text className="page__hint">
                  请尽快电话或上门核实。
                  {detail.can.manage ? '核实后可解除异常，须填写核实情况。' : ''}
                </Text>
                <ObservationList
                  gridId={gridId}
                  escalatedOnly
                  empty={{ title: '暂无异常', message: '辖区内居家观察人员没有体温偏高或症状报告' }}
                  renderRow={(observation, today, reload) => (
                    <ObservationRow observation={observation} today={today} showAlert>
                      {detail.can.manage ? (
                        <ResolveAlert observation={observation} onResolved={reload} />
                      ) : null}
                    </ObservationRow>
                  )}
                />
              </>
            )}
          </View>
        )}
      </NodeScope>
    </View>
  );
}

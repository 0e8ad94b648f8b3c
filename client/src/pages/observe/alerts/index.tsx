import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { decodeParam } from '../../../routes';
import { MissingGrid } from '../../../components/status-block';
import { NodeScope } from '../shared/node-scope';
import { ObservationList } from '../shared/observation-list';
import { ObservationRow } from '../shared/observation-row';
import { ResolveAlert } from '../shared/resolve-alert';
import '../shared/index.css';

/**
 * 异常提醒: who under observation in the subtree reported a fever or symptoms, newest first. The
 * feverAlert subscribe message opens this page for the leader's node.
 */
export default function AlertsPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return (
    <View className="page observe-page">
      <NodeScope gridId={gridId} title="异常提醒">
        {(detail) => (
          <View>
            <Text className="page__hint">
              请尽快电话或上门核实。{detail.can.manage ? '核实后可解除异常，须填写核实情况。' : ''}
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
          </View>
        )}
      </NodeScope>
    </View>
  );
}

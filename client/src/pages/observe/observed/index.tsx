import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { decodeParam } from '../../../routes';
import { ClassChange } from '../shared/class-change';
import { MissingGrid } from '../../../components/status-block';
import { NodeScope } from '../shared/node-scope';
import { ObservationList } from '../shared/observation-list';
import { ObservationManage } from '../shared/observation-manage';
import { ObservationRow } from '../shared/observation-row';
import '../shared/index.css';

/**
 * 观察对象: everyone under home observation in the node's subtree, by class, with the day counter
 * and the last report, for the members who look after them. Only a leader sees 调整分类, and
 * 更换协管员, 延长观察 and 提前解除.
 */
export default function ObservedPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return (
    <View className="page observe-page">
      <NodeScope gridId={gridId} title="观察对象">
        {(detail) => (
          <View>
            <Text className="page__hint">居家观察期间不外出、不串门，生活物资由网格团队代购</Text>
            <ObservationList
              gridId={gridId}
              grouped
              empty={{ title: '暂无居家观察人员', message: '辖区内有人返乡登记后会出现在这里' }}
              renderRow={(observation, today, reload) => (
                <ObservationRow observation={observation} today={today}>
                  {detail.can.manage ? (
                    <ClassChange observation={observation} onChanged={reload} />
                  ) : null}
                  {detail.can.manage ? (
                    <ObservationManage observation={observation} onChanged={reload} />
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

import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { decodeParam } from '../../../routes';
import { ClassChange } from '../shared/class-change';
import { MissingGrid } from '../../../components/status-block';
import { NodeScope } from '../shared/node-scope';
import { ObservationList } from '../shared/observation-list';
import { ObservationRow } from '../shared/observation-row';
import '../shared/index.css';

/** 分类审核: a leader reviews each returnee's class and the reasons, and changes it with a reason. */
export default function ClassificationQueuePage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return (
    <View className="page observe-page">
      <NodeScope gridId={gridId} title="分类审核">
        {(detail) => (
          // Changing a class needs the same leadership as managing the node (policy: leaders only).
          <Queue gridId={gridId} canChange={detail.can.manage} />
        )}
      </NodeScope>
    </View>
  );
}

function Queue({ gridId, canChange }: { gridId: string; canChange: boolean }) {
  return (
    <View>
      <Text className="page__hint">
        异常人员排在最前，其次按集中、重点、常规。调整分类须填写原因，调整记录将被留存。
      </Text>
      {canChange ? null : (
        <Text className="notice observe-readonly">仅网格长可以调整分类，您可以查看</Text>
      )}
      <ObservationList
        gridId={gridId}
        empty={{ title: '暂无居家观察人员', message: '辖区内有人返乡登记后会出现在这里' }}
        renderRow={(observation, today, reload) => (
          <ObservationRow observation={observation} today={today} showReasons>
            {canChange ? <ClassChange observation={observation} onChanged={reload} /> : null}
          </ObservationRow>
        )}
      />
    </View>
  );
}

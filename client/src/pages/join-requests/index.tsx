import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { JoinRequestList } from '../../components/join-request-list';
import { MissingGrid } from '../../components/status-block';
import { decodeParam } from '../../routes';
import './index.css';

/**
 * 入户申请: a leader admits people who asked to join a household under the node by its door code
 * (households nobody has joined yet ask the leader; the joinRequest message opens this page).
 */
export default function JoinRequestsPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return (
    <View className="page join-requests-page">
      <Text className="page__title">入户申请</Text>
      <Text className="page__hint">
        居民凭门牌码申请加入住户，需由该户已加入的家人或网格长确认。请核对姓名和证件后四位，必要时电话核实。
      </Text>
      <JoinRequestList gridId={gridId} showAddress />
    </View>
  );
}

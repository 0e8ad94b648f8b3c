import { Button, Text, View } from '@tarojs/components';
import { useResource } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import { setupStatus } from '../../services/setup';

/**
 * A fresh deployment has no grid yet, so nobody can be invited: the deployer starts here. Shown
 * only to someone not registered, and only while the backend says setup is still needed; a failed
 * check shows nothing, since the card is an offer, not something the user is waiting for.
 */
export function SetupEntry() {
  const { state } = useResource(setupStatus, { topics: ['setup'] });
  if (state.status !== 'ready' || !state.data.needed) return null;
  return (
    <View className="setup-entry">
      <Text className="setup-entry__title">系统尚未初始化</Text>
      <Text className="setup-entry__text">
        本系统还没有设置网格。如果您是部署人员，请输入部署码完成初始化，成为指挥部。
      </Text>
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        onClick={() => openPage(routes.setup())}
      >
        输入部署码
      </Button>
    </View>
  );
}

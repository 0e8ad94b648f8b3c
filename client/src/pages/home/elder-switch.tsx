import { View } from '@tarojs/components';
import { ToggleSwitch } from '../../components/toggle-switch';
import { useElderMode } from '../../hooks/use-elder-mode';
import { setElderMode } from '../../services/elder-mode';

/** 长辈模式 on home: large type and large tap targets, remembered on this phone. */
export function ElderSwitch() {
  const on = useElderMode();
  return (
    <View className="elder-switch">
      <ToggleSwitch
        checked={on}
        onChange={setElderMode}
        onText="长辈模式已打开：大字体、大按钮"
        offText="长辈模式：大字体、大按钮"
      />
    </View>
  );
}

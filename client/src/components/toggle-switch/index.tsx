import { Text, View } from '@tarojs/components';
import './index.css';

export interface ToggleSwitchProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  onText: string;
  offText: string;
}

/**
 * An on/off switch whose words are part of the tap target, so a large-font user can tap the words
 * rather than aim for the knob (the native switch only reacts to the knob itself).
 */
export function ToggleSwitch({ checked, onChange, onText, offText }: ToggleSwitchProps) {
  return (
    <View
      className={checked ? 'toggle toggle--on' : 'toggle'}
      ariaRole="switch"
      ariaLabel={checked ? `${onText}，已打开` : `${offText}，已关闭`}
      onClick={() => onChange(!checked)}
    >
      <View className="toggle__track">
        <View className="toggle__knob" />
      </View>
      <Text className="toggle__text">{checked ? onText : offText}</Text>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import './index.css';

export interface ChoiceChipsProps<T extends string> {
  options: readonly { value: T; label: string }[];
  value: T | null;
  onChange: (value: T) => void;
}

/**
 * A single choice among a few options, all visible at once: one large tap instead of a picker
 * wheel, easier for older users and the same on weapp and h5.
 */
export function ChoiceChips<T extends string>({ options, value, onChange }: ChoiceChipsProps<T>) {
  return (
    <View className="choice-chips" ariaRole="radiogroup">
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <View
            key={option.value}
            className={selected ? 'choice-chip choice-chip--selected' : 'choice-chip'}
            ariaRole="radio"
            // Taro's View has no aria-checked; the label carries the state to screen readers.
            ariaLabel={selected ? `${option.label}，已选中` : option.label}
            onClick={() => onChange(option.value)}
          >
            <Text>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { CARE_MARK_LABELS, CARE_MARKS, type CareMark } from '../../../services/register';
import '../../../components/choice-chips/index.css';

/** The marks with one turned on or off, in the order the form lists them. */
export function toggleMark(marks: readonly CareMark[], mark: CareMark): CareMark[] {
  return marks.includes(mark)
    ? marks.filter((m) => m !== mark)
    : CARE_MARKS.filter((m) => m === mark || marks.includes(m));
}

/**
 * 重点关爱 marks: any number of them, each one large tap to turn on or off. `onToggle` names the
 * mark tapped, so quick taps in a row each land on the latest state (see `toggleMark`).
 */
export function MarkChips(props: {
  value: readonly CareMark[];
  onToggle: (mark: CareMark) => void;
}) {
  return (
    <View className="choice-chips" ariaRole="group">
      {CARE_MARKS.map((mark) => {
        const on = props.value.includes(mark);
        return (
          <View
            key={mark}
            className={on ? 'choice-chip choice-chip--selected' : 'choice-chip'}
            ariaRole="checkbox"
            ariaLabel={on ? `${CARE_MARK_LABELS[mark]}，已选中` : CARE_MARK_LABELS[mark]}
            onClick={() => props.onToggle(mark)}
          >
            <Text>{on ? `✓ ${CARE_MARK_LABELS[mark]}` : CARE_MARK_LABELS[mark]}</Text>
          </View>
        );
      })}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { SYMPTOMS, SYMPTOM_LABELS, type Symptom } from '../../services/health';
// The chips are ChoiceChips' own; only a chosen symptom looks different (the colour of an alert).
import '../choice-chips/index.css';
import './index.css';

/**
 * Symptoms as large toggles, for the daily report and the return form. The chosen ones are kept in
 * the shared order of SYMPTOMS, whatever order they were tapped in.
 */
export function SymptomPicker(props: { value: Symptom[]; onChange: (next: Symptom[]) => void }) {
  const toggle = (symptom: Symptom) =>
    props.onChange(
      props.value.includes(symptom)
        ? props.value.filter((s) => s !== symptom)
        : SYMPTOMS.filter((s) => s === symptom || props.value.includes(s)),
    );
  return (
    <View className="choice-chips">
      {SYMPTOMS.map((symptom) => {
        const selected = props.value.includes(symptom);
        return (
          <View
            key={symptom}
            className={selected ? 'choice-chip symptom--selected' : 'choice-chip'}
            ariaRole="checkbox"
            ariaLabel={selected ? `${SYMPTOM_LABELS[symptom]}，已选中` : SYMPTOM_LABELS[symptom]}
            onClick={() => toggle(symptom)}
          >
            <Text>{SYMPTOM_LABELS[symptom]}</Text>
          </View>
        );
      })}
    </View>
  );
}

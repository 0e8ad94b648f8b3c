import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { confirmAttention, toastDone } from '../../../interaction';
import {
  OBSERVATION_CLASS_LABELS,
  OBSERVATION_CLASSES,
  changeClass,
  type ObservationClass,
  type ObservationView,
} from '../../../services/observations';
import { ReasonForm } from '../../../components/reason-form';

const CLASS_OPTIONS = OBSERVATION_CLASSES.map((cls) => ({
  value: cls,
  label: OBSERVATION_CLASS_LABELS[cls],
}));

/** 调整分类: a leader picks another class and says why; nothing is saved before 确认调整. */
export function ClassChange({
  observation,
  onChanged,
}: {
  observation: ObservationView;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [cls, setCls] = useState<ObservationClass>(observation.class);

  if (!open) {
    return (
      <View className="btn-row">
        <Button
          className="btn btn--secondary"
          hoverClass="btn--pressed"
          onClick={() => {
            setCls(observation.class);
            setOpen(true);
          }}
        >
          调整分类
        </Button>
      </View>
    );
  }
  const from = OBSERVATION_CLASS_LABELS[observation.class];
  const to = OBSERVATION_CLASS_LABELS[cls];
  return (
    <ReasonForm
      label="调整原因"
      placeholder="例如：复核行程，未到过高风险地区"
      submitText="保存调整"
      hint="2–100 个字，将留存记录"
      precheck={() => (cls === observation.class ? `请选择与「${from}」不同的分类` : null)}
      confirm={(reason) =>
        confirmAttention(
          '确认调整分类',
          `将${observation.name}由「${from}」调整为「${to}」。原因：${reason}`,
          '确认调整',
        )
      }
      submit={(reason) => changeClass(observation.personId, cls, reason)}
      onDone={() => {
        setOpen(false);
        toastDone('已调整分类');
        onChanged();
      }}
      onBack={() => setOpen(false)}
      backText="取消"
    >
      <FormField label="新的分类">
        <ChoiceChips options={CLASS_OPTIONS} value={cls} onChange={setCls} />
      </FormField>
    </ReasonForm>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { ChoiceChips } from '../../../components/choice-chips';
import { TextField } from '../../../components/form-field';
import { ToggleSwitch } from '../../../components/toggle-switch';
import {
  CHECK_KIND_LABELS,
  CHECK_KINDS,
  type CheckKind,
  type ChecklistItemInput,
} from '../../../services/campaigns';
import '../shared/index.css';

/** One question as the form holds it: numbers and options as typed, read on submit. */
export interface ItemDraft {
  key: number;
  label: string;
  kind: CheckKind;
  required: boolean;
  options: string;
  unit: string;
  min: string;
  max: string;
}

export const MAX_ITEMS = 20;
const KIND_OPTIONS = CHECK_KINDS.map((kind) => ({ value: kind, label: CHECK_KIND_LABELS[kind] }));

let drafted = 0;
export const draftItem = (label = '', kind: CheckKind = 'yesNo'): ItemDraft => ({
  key: (drafted += 1),
  label,
  kind,
  required: true,
  options: '',
  unit: '',
  min: '',
  max: '',
});

/** The questions every door is asked in the source towns' sweeps; the leader edits them. */
export const STARTING_ITEMS = (): ItemDraft[] => [
  draftItem('是否有外地返乡人员'),
  draftItem('是否有人发热'),
  draftItem('是否落实测温消毒'),
];

const numberOrUndefined = (text: string) => {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
};

/** The draft as the server takes it: options split on commas, 、 or spaces; numbers read. */
export function itemInput(item: ItemDraft): ChecklistItemInput {
  const min = numberOrUndefined(item.min);
  const max = numberOrUndefined(item.max);
  return {
    label: item.label,
    kind: item.kind,
    required: item.required,
    ...(item.kind === 'choice' && {
      options: item.options.split(/[,，、\s]+/).filter((option) => option.length > 0),
    }),
    ...(item.kind === 'number' && {
      ...(item.unit.trim() && { unit: item.unit }),
      ...(min !== undefined && { min }),
      ...(max !== undefined && { max }),
    }),
  };
}

/** The checklist: each question with its kind, whether it must be answered, and its details. */
export function ChecklistBuilder(props: {
  items: ItemDraft[];
  onChange: (items: ItemDraft[]) => void;
}) {
  const { items, onChange } = props;
  const update = (key: number, change: Partial<ItemDraft>) =>
    onChange(items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  return (
    <View>
      {items.map((item, index) => (
        <View key={item.key} className="card checklist-item">
          <View className="checklist-item__head">
            <Text className="section__title">第 {index + 1} 项</Text>
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={() => onChange(items.filter((other) => other.key !== item.key))}
            >
              删除此项
            </Button>
          </View>
          <TextField
            label="检查项"
            value={item.label}
            maxlength={30}
            placeholder="如：是否有外地返乡人员"
            onChange={(label) => update(item.key, { label })}
          />
          <ChoiceChips
            options={KIND_OPTIONS}
            value={item.kind}
            onChange={(kind) => update(item.key, { kind })}
          />
          <ToggleSwitch
            checked={item.required}
            onChange={(required) => update(item.key, { required })}
            onText="必填"
            offText="选填"
          />
          {item.kind === 'choice' ? (
            <TextField
              label="选项"
              hint="用逗号或顿号分隔，至少 2 个"
              value={item.options}
              maxlength={120}
              placeholder="如：已落实、未落实"
              onChange={(options) => update(item.key, { options })}
            />
          ) : null}
          {item.kind === 'number' ? (
            <View>
              <TextField
                label="单位"
                optional
                value={item.unit}
                maxlength={6}
                placeholder="如：人"
                onChange={(unit) => update(item.key, { unit })}
              />
              <TextField
                label="最小值"
                optional
                type="digit"
                value={item.min}
                maxlength={7}
                onChange={(min) => update(item.key, { min })}
              />
              <TextField
                label="最大值"
                optional
                type="digit"
                value={item.max}
                maxlength={7}
                onChange={(max) => update(item.key, { max })}
              />
            </View>
          ) : null}
        </View>
      ))}
      {items.length < MAX_ITEMS ? (
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => onChange([...items, draftItem()])}
        >
          添加检查项
        </Button>
      ) : (
        <Text className="page__hint">检查项最多 {MAX_ITEMS} 个</Text>
      )}
    </View>
  );
}

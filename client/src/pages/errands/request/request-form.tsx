import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import { ToggleSwitch } from '../../../components/toggle-switch';
import {
  URGENCY_OPTIONS,
  requestErrand,
  type ErrandRequest,
  type ErrandView,
  type UrgencyChoice,
} from '../../../services/errands';
import { ItemsEditor, type ItemDraft } from './items-editor';
import { SubmitBar } from '../../../components/submit-bar';

const MAX_BUDGET = 5000;

interface Checked {
  request: ErrandRequest | null;
  errors: Record<string, string>;
}

/** The form as the router takes it, or the errors to show beside the fields. */
function check(
  items: ItemDraft[],
  urgency: UrgencyChoice,
  budgetText: string,
  deliveryNote: string,
  contactless: boolean,
): Checked {
  const errors: Record<string, string> = {};
  items.forEach((item, index) => {
    if (!item.name.trim()) errors[`items.${index}.name`] = '请填写物品名称';
    if (!item.quantity.trim()) errors[`items.${index}.quantity`] = '请填写数量';
  });
  const budget = Number(budgetText.trim());
  if (budgetText.trim() === '' || !Number.isFinite(budget) || budget < 0) {
    errors.budget = '请填写预算（元）';
  } else if (budget > MAX_BUDGET) {
    errors.budget = `预算不超过 ${MAX_BUDGET} 元`;
  }
  if (Object.keys(errors).length > 0) return { request: null, errors };
  return {
    request: {
      items: items.map((item) => ({
        name: item.name.trim(),
        quantity: item.quantity.trim(),
        note: item.note.trim(),
      })),
      urgency: Number(urgency),
      budget: Math.round(budget * 100) / 100,
      deliveryNote: deliveryNote.trim(),
      contactless,
    },
    errors,
  };
}

/** INVALID_INPUT issues by field, the `request.` prefix dropped: `items.0.name`, `budget`. */
function serverErrors(issues: readonly { path: string; message: string }[] | undefined) {
  const errors: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const field = issue.path.replace(/^request\.?/, '') || 'items';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Errors for the items editor, keyed by `<row>.<field>`, `list` for the list itself. */
function itemErrors(errors: Record<string, string>): Record<string, string> {
  const inside: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (field === 'items') inside.list = message;
    else if (field.startsWith('items.')) inside[field.slice('items.'.length)] = message;
  }
  return inside;
}

export interface RequestFormProps {
  personId: string;
  name: string;
  onRequested: (errand: ErrandView) => void;
}

/** What to buy, how urgent, the budget and how to hand it over; one request goes to the pool. */
export function RequestForm({ personId, name, onRequested }: RequestFormProps) {
  const keys = useRef(1);
  const nextKey = () => (keys.current += 1);
  const [items, setItems] = useState<ItemDraft[]>([{ key: 1, name: '', quantity: '', note: '' }]);
  const [urgency, setUrgency] = useState<UrgencyChoice>('2');
  const [budgetText, setBudgetText] = useState('');
  const [deliveryNote, setDeliveryNote] = useState('');
  const [contactless, setContactless] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const checked = check(items, urgency, budgetText, deliveryNote, contactless);
    setErrors(checked.errors);
    setMessage(null);
    if (!checked.request) {
      setMessage('请检查标红的内容');
      return;
    }
    setBusy(true);
    const result = await requestErrand(personId, checked.request);
    setBusy(false);
    if (result.ok) {
      onRequested(result.data);
    } else {
      setErrors(serverErrors(result.issues));
      setMessage(result.message);
    }
  };

  return (
    <View className="card request-form">
      <Text className="request-form__title">为 {name} 代购</Text>
      <ItemsEditor
        items={items}
        onChange={setItems}
        errors={itemErrors(errors)}
        nextKey={nextKey}
      />
      <View className="request-form__rest">
        <FormField label="紧急程度" error={errors.urgency}>
          <ChoiceChips options={URGENCY_OPTIONS} value={urgency} onChange={setUrgency} />
        </FormField>
        <TextField
          label="预算（元）"
          hint="志愿者垫付，送达时按小票结算"
          error={errors.budget}
          type="digit"
          value={budgetText}
          maxlength={7}
          placeholder="如：100"
          onChange={setBudgetText}
        />
        <TextField
          label="送货说明"
          optional
          error={errors.deliveryNote}
          value={deliveryNote}
          maxlength={100}
          placeholder="如：放门口，敲门即可"
          onChange={setDeliveryNote}
        />
        <FormField label="交付方式" error={errors.contactless}>
          <ToggleSwitch
            checked={contactless}
            onChange={setContactless}
            onText="无接触配送（放门口）"
            offText="当面交付"
          />
        </FormField>
      </View>
      <SubmitBar
        message={message}
        busy={busy}
        label="提交代购需求"
        busyLabel="提交中…"
        onSubmit={() => void submit()}
      />
    </View>
  );
}

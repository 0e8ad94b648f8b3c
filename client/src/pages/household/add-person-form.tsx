import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useFormSubmit } from '../../hooks/use-form-submit';
import {
  EMPTY_PERSON,
  PersonFields,
  toNewPerson,
  type PersonDraft,
} from '../../components/person-fields';
import { toastDone } from '../../interaction';
import { addFamilyMember } from '../../services/households';

/** Registers a relative who has no phone of their own (elderly, children) on their behalf. */
export function AddPersonForm({
  householdId,
  onAdded,
  onCancel,
}: {
  householdId: string;
  onAdded: () => void;
  onCancel: () => void;
}) {
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON);
  const { errors, setErrors, fixed, message, busy, send } = useFormSubmit();

  const change = (next: PersonDraft) => {
    for (const key of Object.keys(next) as (keyof PersonDraft)[]) {
      if (next[key] !== person[key]) fixed(key);
    }
    setPerson(next);
  };

  const submit = async () => {
    if (busy) return;
    const checked = toNewPerson(person);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const sent = await send(() => addFamilyMember(householdId, checked.person));
    if (!sent) return;
    toastDone('已添加');
    onAdded();
  };

  return (
    <View className="card add-person">
      <Text className="add-person__title">添加家庭成员</Text>
      <Text className="small-note add-person__note">
        为家中没有手机的老人、儿童登记。由您代为登记的成员将标注「代登记」。
      </Text>
      <PersonFields value={person} onChange={change} errors={errors} nameLabel="成员姓名" />
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <View className="btn-row">
        <Button
          className="btn btn--primary"
          hoverClass="btn--pressed"
          disabled={busy ? true : undefined}
          onClick={() => void submit()}
        >
          {busy ? '提交中…' : '确认添加'}
        </Button>
        <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

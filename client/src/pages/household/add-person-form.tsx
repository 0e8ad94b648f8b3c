import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  EMPTY_PERSON,
  PersonFields,
  toNewPerson,
  type PersonDraft,
} from '../../components/person-fields';
import { toastDone } from '../../interaction';
import { fieldErrors } from '../../services/format';
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const checked = toNewPerson(person);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    const result = await addFamilyMember(householdId, checked.person);
    setBusy(false);
    if (result.ok) {
      toastDone('已添加');
      onAdded();
    } else {
      setErrors(fieldErrors(result.issues));
      setMessage(result.message);
    }
  };

  return (
    <View className="card add-person">
      <Text className="add-person__title">添加家庭成员</Text>
      <Text className="small-note add-person__note">
        为家中没有手机的老人、儿童登记。由您代为登记的成员将标注「代登记」。
      </Text>
      <PersonFields value={person} onChange={setPerson} errors={errors} nameLabel="成员姓名" />
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

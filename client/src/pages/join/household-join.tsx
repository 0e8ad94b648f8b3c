import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { FormField } from '../../components/form-field';
import {
  EMPTY_PERSON,
  PersonFields,
  toNewPerson,
  type PersonDraft,
} from '../../components/person-fields';
import { openPage, routes } from '../../routes';
import { joinHousehold, type JoinOutcome } from '../../services/households';
import { JoinRequestStatus } from '../../components/join-request-status';
import { SubmitBar } from '../../components/submit-bar';

/** A resident joining their household with the door code printed for it. */
export function HouseholdJoin() {
  const [code, setCode] = useState('');
  const [person, setPerson] = useState<PersonDraft>({ ...EMPTY_PERSON, relation: '本人' });
  const { errors, setErrors, message, busy, send } = useFormSubmit();
  const [outcome, setOutcome] = useState<JoinOutcome | null>(null);

  const submit = async () => {
    if (busy) return;
    const checked = toNewPerson(person);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const sent = await send(() =>
      joinHousehold({ ...checked.person, code: code.replace(/\s+/g, '') }),
    );
    if (!sent) return;
    setOutcome(sent.data);
  };

  if (outcome?.status === 'requested') {
    return (
      <JoinRequestStatus
        request={outcome.request}
        onChanged={() => {
          setOutcome(null);
          setCode('');
        }}
      />
    );
  }
  if (outcome?.status === 'member') {
    return (
      <View className="card join-result">
        <Text className="join-result__title">您已是该住户的家庭成员</Text>
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.household())}
        >
          查看我的家庭
        </Button>
      </View>
    );
  }

  return (
    <View className="card">
      <FormField label="门牌码" error={errors.code} hint="6 位字母或数字，张贴在家门口">
        <Input
          className="text-input join__code"
          value={code}
          maxlength={8}
          placeholder="例如：WXY2H8"
          onInput={(e) => setCode(e.detail.value.toUpperCase())}
        />
      </FormField>
      <PersonFields value={person} onChange={setPerson} errors={errors} nameLabel="您的姓名" />
      <SubmitBar
        message={message}
        busy={busy}
        label="申请加入"
        busyLabel="提交中…"
        onSubmit={() => void submit()}
      />
    </View>
  );
}

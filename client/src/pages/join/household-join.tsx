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
import {
  canScanDoorCode,
  joinHousehold,
  normalizeDoorCode,
  readDoorCode,
  scanDoorCode,
  type JoinOutcome,
} from '../../services/households';
import { JoinRequestStatus } from '../../components/join-request-status';
import { SubmitBar } from '../../components/submit-bar';

/**
 * A resident joining their household with the door code printed for it: typed, scanned from the
 * poster's QR code, or handed over by the page's `?code=` (`initialCode`).
 */
export function HouseholdJoin({ initialCode = '' }: { initialCode?: string }) {
  const [code, setCode] = useState(initialCode);
  const [person, setPerson] = useState<PersonDraft>({ ...EMPTY_PERSON, relation: '本人' });
  const { errors, setErrors, message, setMessage, busy, send } = useFormSubmit();
  const [outcome, setOutcome] = useState<JoinOutcome | null>(null);

  const scan = async () => {
    setMessage(null);
    const result = await scanDoorCode();
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    if (result.data === null) return;
    const scanned = normalizeDoorCode(result.data);
    if (scanned) {
      setCode(scanned);
      setErrors(({ code: _dropped, ...rest }) => rest);
    } else {
      setErrors((previous) => ({ ...previous, code: '这不是门牌码的二维码' }));
    }
  };

  const submit = async () => {
    if (busy) return;
    // Checked here first: the reason a code is wrong (a 0, 1, I, L or O) is said before sending.
    const door = readDoorCode(code);
    const checked = toNewPerson(person);
    if (!door.ok || !checked.ok) {
      setMessage(null);
      setErrors({
        ...(checked.ok ? {} : checked.errors),
        ...(door.ok ? {} : { code: door.reason }),
      });
      return;
    }
    const sent = await send(() => joinHousehold({ ...checked.person, code: door.code }));
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
      <FormField label="门牌码" error={errors.code} hint="6 位，张贴在家门口；不含 0、1、I、L、O">
        <View className="join__code-row">
          <Input
            className="text-input join__code"
            value={code}
            maxlength={12}
            placeholder="例如：WXY2H8"
            onInput={(e) => setCode(e.detail.value.toUpperCase())}
          />
          {canScanDoorCode ? (
            <Button
              className="btn btn--secondary join__scan"
              hoverClass="btn--pressed"
              onClick={() => void scan()}
            >
              扫门牌码
            </Button>
          ) : null}
        </View>
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

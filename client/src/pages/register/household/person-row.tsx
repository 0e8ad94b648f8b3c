import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { MaskedValue } from '../../../components/masked-value';
import { platform } from '../../../platform';
import { revealPersonField } from '../../../services/people';
import { RESIDENCY_LABELS, type PersonView } from '../../../services/register';
import { CareTags } from '../shared/care-tags';

/**
 * A person of the household as staff see them: masked numbers with the audited 查看, 拨打 in one
 * tap, residency and 重点关爱 marks, and what the caller may do to them.
 */
export function RegisterPersonRow(props: {
  person: PersonView;
  mayEdit: boolean;
  mayManage: boolean;
  onEdit: () => void;
  /** On someone's behalf (the 流管站 desk, door to door): their return, today's report. */
  onDeclareReturn: () => void;
  onReport: () => void;
  onMove: () => void;
  onRemove: () => void;
}) {
  const { person } = props;
  const idNumber = person.reveal?.idNumber ?? false;
  const phone = person.reveal?.phone ?? false;

  const call = async () => {
    const result = await revealPersonField(person.id, 'phone');
    if (!result.ok) {
      void Taro.showToast({ title: result.message, icon: 'none' });
      return;
    }
    if (platform.kind === 'weapp') {
      Taro.makePhoneCall({ phoneNumber: result.data.value }).catch(() => {
        // Cancelling the dialler is the user's own choice.
      });
    } else {
      void Taro.showModal({ title: person.name, content: result.data.value, showCancel: false });
    }
  };

  return (
    <View className="card register-person">
      <View className="register-person__head">
        <Text className="register-person__name">{person.name}</Text>
        <Text className="tag">{person.relation}</Text>
        {person.residency ? (
          <Text className="tag">{RESIDENCY_LABELS[person.residency]}</Text>
        ) : null}
        {person.hasWechat ? <Text className="tag">已用微信</Text> : null}
        {person.proxy ? <Text className="tag tag--proxy">代登记</Text> : null}
      </View>
      <CareTags marks={person.care} />
      <MaskedValue
        label="身份证"
        masked={person.idNumberMasked}
        {...(idNumber && { reveal: () => revealPersonField(person.id, 'idNumber') })}
      />
      <MaskedValue
        label="手机"
        masked={person.phoneMasked}
        {...(phone && { reveal: () => revealPersonField(person.id, 'phone') })}
      />
      <View className="btn-row">
        {phone && person.phoneMasked ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={() => void call()}
          >
            拨打
          </Button>
        ) : null}
        {props.mayEdit ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={props.onEdit}
          >
            编辑
          </Button>
        ) : null}
        {props.mayEdit ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={props.onDeclareReturn}
          >
            代登记返乡
          </Button>
        ) : null}
        {props.mayEdit ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={props.onReport}
          >
            代打卡
          </Button>
        ) : null}
        {props.mayManage ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={props.onMove}
          >
            迁移
          </Button>
        ) : null}
        {props.mayManage && !person.hasWechat ? (
          <Button
            className="btn btn--danger btn--small"
            hoverClass="btn--pressed"
            onClick={props.onRemove}
          >
            删除
          </Button>
        ) : null}
      </View>
    </View>
  );
}

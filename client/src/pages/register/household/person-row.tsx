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
  /** On someone's behalf (the 流管站 desk, door to door): their return, today's report, shopping. */
  onDeclareReturn: () => void;
  onReport: () => void;
  onErrand: () => void;
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

  // On someone's behalf (代登记返乡, 代打卡, 代购) comes with editing: the staff who keep the register.
  const actions = [
    { label: '拨打', shown: phone && person.phoneMasked !== null, onClick: () => void call() },
    { label: '编辑', shown: props.mayEdit, onClick: props.onEdit },
    { label: '代登记返乡', shown: props.mayEdit, onClick: props.onDeclareReturn },
    { label: '代打卡', shown: props.mayEdit, onClick: props.onReport },
    { label: '代购', shown: props.mayEdit, onClick: props.onErrand },
    { label: '迁移', shown: props.mayManage, onClick: props.onMove },
    {
      label: '删除',
      shown: props.mayManage && !person.hasWechat,
      onClick: props.onRemove,
      danger: true,
    },
  ];

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
        {actions
          .filter((action) => action.shown)
          .map((action) => (
            <Button
              key={action.label}
              className={`btn btn--small ${action.danger ? 'btn--danger' : 'btn--secondary'}`}
              hoverClass="btn--pressed"
              onClick={action.onClick}
            >
              {action.label}
            </Button>
          ))}
      </View>
    </View>
  );
}

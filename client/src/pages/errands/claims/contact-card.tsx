import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { maskPhone } from '@gridguard/types';
import { errandContact } from '../../../services/errands';

type ContactState =
  | { status: 'hidden' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'shown'; name: string; address: string; phone: string | null; fullPhone: boolean };

/**
 * The requester's address and phone, fetched only when the volunteer asks (each look is audited),
 * the phone masked until tapped again, then dialled from the number itself.
 */
export function ContactCard({ errandId }: { errandId: string }) {
  const [state, setState] = useState<ContactState>({ status: 'hidden' });

  const load = async () => {
    setState({ status: 'loading' });
    const result = await errandContact(errandId);
    setState(
      result.ok
        ? { status: 'shown', ...result.data, fullPhone: false }
        : { status: 'failed', message: result.message },
    );
  };

  if (state.status !== 'shown') {
    return (
      <View className="errand-contact">
        {state.status === 'failed' ? (
          <Text className="notice notice--error">{state.message}</Text>
        ) : null}
        <Button
          className="btn btn--secondary btn--small"
          hoverClass="btn--pressed"
          disabled={state.status === 'loading' ? true : undefined}
          onClick={() => void load()}
        >
          {state.status === 'loading' ? '加载中…' : '查看地址和电话'}
        </Button>
      </View>
    );
  }
  const { phone } = state;
  const call = () => {
    if (!phone) return;
    Taro.makePhoneCall({ phoneNumber: phone }).catch(() => {
      // Cancelling the dialler is the user's choice; the number stays on screen.
    });
  };
  return (
    <View className="errand-contact errand-contact--shown">
      <Text className="errand-contact__line">联系人：{state.name}</Text>
      <Text className="errand-contact__line">地址：{state.address || '未登记'}</Text>
      {phone === null ? (
        <Text className="errand-contact__line">电话：未登记</Text>
      ) : state.fullPhone ? (
        <Text className="errand-contact__line errand-contact__phone" onClick={call}>
          电话：{phone}（点击拨打）
        </Text>
      ) : (
        <Text
          className="errand-contact__line errand-contact__phone"
          onClick={() => setState({ ...state, fullPhone: true })}
        >
          电话：{maskPhone(phone)}（点击显示）
        </Text>
      )}
    </View>
  );
}

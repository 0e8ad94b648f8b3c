import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { platform } from '../../../platform';

/**
 * 拨打 in one tap: the full number is revealed (the server audits it), then the dialler opens in
 * the mini-program; on h5, which has no dialler, the number is shown to dial by hand.
 */
export function CallButton(props: {
  name: string;
  reveal: () => Promise<FunctionResult<{ value: string }>>;
}) {
  const [busy, setBusy] = useState(false);
  const onCall = async () => {
    if (busy) return;
    setBusy(true);
    const result = await props.reveal();
    setBusy(false);
    if (!result.ok) {
      void Taro.showToast({ title: result.message, icon: 'none' });
      return;
    }
    if (platform.kind === 'weapp') {
      Taro.makePhoneCall({ phoneNumber: result.data.value }).catch(() => {
        // Cancelling the dialler is the user's own choice.
      });
    } else {
      void Taro.showModal({ title: props.name, content: result.data.value, showCancel: false });
    }
  };
  return (
    <Button
      className="btn btn--primary btn--small"
      hoverClass="btn--pressed"
      disabled={busy ? true : undefined}
      onClick={() => void onCall()}
    >
      {busy ? '拨号中…' : '拨打'}
    </Button>
  );
}

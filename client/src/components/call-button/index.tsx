import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { FunctionResult } from '@gridguard/types';

/**
 * 拨打电话 in one tap: `call` reveals the number (audited) and opens the dialler; a refusal (no
 * number on record, out of scope) is said in a toast, and the button waits while it runs.
 */
export function CallButton({
  call,
  label = '拨打电话',
  block = false,
}: {
  call: () => Promise<FunctionResult<null>>;
  label?: string;
  block?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const tap = async () => {
    if (busy) return;
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (!result.ok) void Taro.showToast({ title: result.message, icon: 'none' });
  };
  return (
    <Button
      className={`btn btn--primary ${block ? 'btn--block' : 'btn--small'} call-button`}
      hoverClass="btn--pressed"
      disabled={busy ? true : undefined}
      onClick={() => void tap()}
    >
      {busy ? '正在获取号码…' : label}
    </Button>
  );
}

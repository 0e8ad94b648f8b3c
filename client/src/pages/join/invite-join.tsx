import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { FormField, TextField } from '../../components/form-field';
import { openPage, routes } from '../../routes';
import {
  canScanInviteCode,
  joinByInvite,
  memberKindLabel,
  normalizeInviteCode,
  readInviteCode,
  scanInviteCode,
  type JoinResult,
} from '../../services/members';
import { SubmitBar } from '../../components/submit-bar';

/** Joining a node's team with the code (or QR code) a leader handed out. */
export function InviteJoin() {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const { errors, setErrors, message, setMessage, busy, send } = useFormSubmit();
  const [joined, setJoined] = useState<JoinResult | null>(null);

  const scan = async () => {
    setMessage(null);
    const result = await scanInviteCode();
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    if (result.data === null) return;
    const scanned = normalizeInviteCode(result.data);
    if (scanned) {
      setCode(scanned);
      setErrors(({ code: _dropped, ...rest }) => rest);
    } else {
      setErrors((previous) => ({ ...previous, code: '这不是网格邀请码的二维码' }));
    }
  };

  const submit = async () => {
    if (busy) return;
    // Checked here first: the reason a code is wrong (a 0, 1, I, L or O) is said before sending.
    const invite = readInviteCode(code);
    if (!invite.ok) {
      setMessage(null);
      setErrors({ code: invite.reason });
      return;
    }
    const trimmedPhone = phone.trim();
    const sent = await send(() =>
      joinByInvite({
        code: invite.code,
        name,
        ...(trimmedPhone && { phone: trimmedPhone }),
      }),
    );
    if (sent) setJoined(sent.data);
  };

  if (joined) {
    return (
      <View className="card join-result">
        <Text className="join-result__title">
          {joined.alreadyMember
            ? '您已在该网格中'
            : `已加入「${joined.gridName}」，身份：${memberKindLabel(joined.kind)}`}
        </Text>
        {joined.alreadyMember ? (
          <Text className="join-result__line">
            「{joined.gridName}」，身份：{memberKindLabel(joined.kind)}
          </Text>
        ) : null}
        {joined.pending ? (
          <Text className="join-result__line join-result__pending">
            等待网格长确认身份。确认前您可以查看网格（号码隐藏），认领跑腿等工作需确认后进行。
          </Text>
        ) : null}
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.grid())}
        >
          查看我的网格
        </Button>
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => {
            setJoined(null);
            setCode('');
          }}
        >
          使用其他邀请码
        </Button>
      </View>
    );
  }

  return (
    <View className="card">
      <FormField label="邀请码" error={errors.code} hint="8 位，由网格长提供；不含 0、1、I、L、O">
        <View className="join__code-row">
          <Input
            className="text-input join__code"
            value={code}
            maxlength={12}
            placeholder="例如：K7M2Q9XA"
            onInput={(e) => setCode(e.detail.value.toUpperCase())}
          />
          {canScanInviteCode ? (
            <Button
              className="btn btn--secondary join__scan"
              hoverClass="btn--pressed"
              onClick={() => void scan()}
            >
              扫码
            </Button>
          ) : null}
        </View>
      </FormField>
      <TextField
        label="姓名"
        error={errors.name}
        value={name}
        maxlength={20}
        placeholder="请输入真实姓名"
        onChange={setName}
      />
      <TextField
        label="手机号"
        optional
        error={errors.phone}
        hint="便于网格长联系您，对他人隐藏中间四位"
        type="number"
        value={phone}
        maxlength={11}
        placeholder="11 位手机号"
        onChange={setPhone}
      />
      <SubmitBar
        message={message}
        busy={busy}
        label="加入网格"
        busyLabel="加入中…"
        onSubmit={() => void submit()}
      />
    </View>
  );
}

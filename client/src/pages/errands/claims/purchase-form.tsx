import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { FormField, TextField } from '../../../components/form-field';
import { PhotoField } from '../../../components/photo-field';
import { toastDone } from '../../../interaction';
import { formatYuan, recordPurchase, type ErrandView } from '../../../services/errands';
import { SubmitBar } from '../../../components/submit-bar';

const MAX_AMOUNT = 5000;

/** 已购买: what was paid (from the receipt) and a photo of the receipt. */
export function PurchaseForm({
  errand,
  onRecorded,
}: {
  errand: ErrandView;
  onRecorded: () => void;
}) {
  const [amountText, setAmountText] = useState('');
  const [receipt, setReceipt] = useState<string | null>(null);
  const { errors, setErrors, fixed, message, setMessage, busy, send } = useFormSubmit<
    'amount' | 'receiptFileId'
  >();

  const submit = async () => {
    if (busy) return;
    const amount = Number(amountText.trim());
    const found: Partial<Record<'amount' | 'receiptFileId', string>> = {};
    if (amountText.trim() === '' || !Number.isFinite(amount) || amount < 0) {
      found.amount = '请填写小票上的实付金额';
    } else if (amount > MAX_AMOUNT) {
      found.amount = `金额不超过 ${MAX_AMOUNT} 元`;
    }
    if (!receipt) found.receiptFileId = '请先拍摄小票照片';
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length > 0 || !receipt) return;
    const sent = await send(() =>
      recordPurchase(errand.id, Math.round(amount * 100) / 100, receipt),
    );
    if (!sent) return;
    toastDone('已记录购买');
    onRecorded();
  };

  return (
    <View className="errand-step-form">
      <Text className="errand-step-form__title">买好了？记录购买</Text>
      <TextField
        label="实付金额（元）"
        hint={`预算 ${formatYuan(errand.budget)}`}
        error={errors.amount}
        type="digit"
        value={amountText}
        maxlength={7}
        placeholder="按小票填写"
        onChange={(value) => {
          setAmountText(value);
          fixed('amount');
        }}
      />
      <FormField label="小票照片" error={errors.receiptFileId}>
        <PhotoField
          errandId={errand.id}
          kind="receipt"
          label="小票照片"
          onUploaded={(fileId) => {
            setReceipt(fileId);
            if (fileId) fixed('receiptFileId');
          }}
        />
      </FormField>
      <SubmitBar
        message={message}
        busy={busy}
        label="提交已购买"
        busyLabel="提交中…"
        onSubmit={() => void submit()}
      />
    </View>
  );
}

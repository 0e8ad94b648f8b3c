import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormField } from '../../../components/form-field';
import { PhotoField } from '../../../components/photo-field';
import { toastDone } from '../../../interaction';
import { recordDelivery } from '../../../services/errands';
import { SubmitBar } from '../../../components/submit-bar';

/** 已送达: a photo of the goods at the door is the proof the resident sees. */
export function DeliveryForm({
  errandId,
  onRecorded,
}: {
  errandId: string;
  onRecorded: () => void;
}) {
  const [photo, setPhoto] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    if (!photo) {
      setError('请先拍摄送达照片');
      return;
    }
    setError(undefined);
    setMessage(null);
    setBusy(true);
    const result = await recordDelivery(errandId, photo);
    setBusy(false);
    if (result.ok) {
      toastDone('已记录送达');
      onRecorded();
    } else {
      setMessage(result.message);
    }
  };

  return (
    <View className="errand-step-form">
      <Text className="errand-step-form__title">送到了？拍照记录送达</Text>
      <FormField label="送达照片" hint="拍下放在门口的物品" error={error}>
        <PhotoField
          errandId={errandId}
          kind="delivery"
          label="送达照片"
          onUploaded={(fileId) => {
            setPhoto(fileId);
            if (fileId) setError(undefined);
          }}
        />
      </FormField>
      <SubmitBar
        message={message}
        busy={busy}
        label="提交已送达"
        busyLabel="提交中…"
        onSubmit={() => void submit()}
      />
    </View>
  );
}

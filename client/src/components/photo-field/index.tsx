import { Button, Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { choosePhoto, uploadErrandPhoto, type ErrandPhotoKind } from '../../services/photos';
import './index.css';

type PhotoState =
  | { status: 'empty' }
  | { status: 'working'; step: '选择中…' | '上传中…' }
  | { status: 'uploaded'; preview: string }
  | { status: 'failed'; message: string };

export interface PhotoFieldProps {
  errandId: string;
  kind: ErrandPhotoKind;
  /** 小票照片, 送达照片 */
  label: string;
  /** Told the cloud fileID once the photo is stored, or null while there is none. */
  onUploaded: (fileID: string | null) => void;
}

/**
 * Takes or picks one photo and uploads it at once, so the step's 提交 only sends a fileID; a
 * retake replaces the earlier photo.
 */
export function PhotoField({ errandId, kind, label, onUploaded }: PhotoFieldProps) {
  const [state, setState] = useState<PhotoState>({ status: 'empty' });

  const pick = async () => {
    if (state.status === 'working') return;
    const before = state;
    setState({ status: 'working', step: '选择中…' });
    const chosen = await choosePhoto();
    if (!chosen.ok) {
      setState({ status: 'failed', message: chosen.message });
      return;
    }
    if (!chosen.data) {
      // Backed out: whatever was uploaded before still stands.
      setState(before);
      return;
    }
    setState({ status: 'working', step: '上传中…' });
    onUploaded(null);
    const uploaded = await uploadErrandPhoto(errandId, kind, chosen.data);
    if (!uploaded.ok) {
      setState({ status: 'failed', message: uploaded.message });
      return;
    }
    setState({ status: 'uploaded', preview: chosen.data.path });
    onUploaded(uploaded.data.fileID);
  };

  return (
    <View className="photo-field">
      {state.status === 'uploaded' ? (
        <View className="photo-field__done">
          <Image className="photo-field__preview" src={state.preview} mode="aspectFill" />
          <Text className="photo-field__ok">{label}已上传</Text>
        </View>
      ) : null}
      {state.status === 'failed' ? (
        <Text className="notice notice--error">{state.message}</Text>
      ) : null}
      <Button
        className="btn btn--secondary photo-field__button"
        hoverClass="btn--pressed"
        disabled={state.status === 'working' ? true : undefined}
        onClick={() => void pick()}
      >
        {state.status === 'working'
          ? state.step
          : state.status === 'uploaded'
            ? '重新拍照'
            : `拍摄/选择${label}`}
      </Button>
    </View>
  );
}

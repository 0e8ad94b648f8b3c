import { Button, Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormField, TextField } from '../../../components/form-field';
import {
  chooseDocument,
  chooseImage,
  fileSrc,
  MAX_AUDIO_SECONDS,
  MAX_NOTICE_ATTACHMENTS,
  MAX_NOTICE_AUDIO,
  MAX_NOTICE_IMAGES,
  recorderSupport,
  uploadNoticeFile,
  type NoticeContent,
} from '../../../services/notices-manage';
import type { ContentField } from './use-draft';

export type NoticeFilesValue = Pick<NoticeContent, 'images' | 'attachments' | 'audio'>;

/** What most recordings are in; the author types a dialect's name over it. */
const DEFAULT_LABEL = '普通话';
/** An attachment's name as the schema takes it: the file's own name, cut to fit. */
const ATTACHMENT_NAME_MAX = 60;

type Upload = { id: number; text: string; failed: boolean };

const minutes = (seconds: number) =>
  seconds >= 60 ? `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒` : `${seconds} 秒`;

/**
 * A notice's pictures, PDFs and recordings: each uploaded where the server says as soon as it is
 * picked or recorded, with the upload's state on screen and the storage's refusal in its words.
 */
export function NoticeFiles(props: {
  value: NoticeFilesValue;
  /** Given a change rather than a value: a recording ends long after the render that started it. */
  update: (change: (previous: NoticeFilesValue) => NoticeFilesValue) => void;
  errors: Partial<Record<ContentField, string>>;
  ensureSaved: () => Promise<string | null>;
}) {
  const { value, update, errors } = props;
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [recording, setRecording] = useState(false);
  const support = recorderSupport();

  /** Runs one upload with its line on screen: 正在上传, then gone, or the reason it failed. */
  const upload = async (
    text: string,
    send: (
      noticeId: string,
    ) => Promise<{ ok: true; data: string } | { ok: false; message: string }>,
  ): Promise<string | null> => {
    const noticeId = await props.ensureSaved();
    if (!noticeId) return null;
    const id = Date.now() + Math.random();
    setUploads((list) => [...list, { id, text: `正在上传${text}…`, failed: false }]);
    const result = await send(noticeId);
    setUploads((list) =>
      result.ok
        ? list.filter((u) => u.id !== id)
        : list.map((u) =>
            u.id === id ? { id, text: `${text}上传失败：${result.message}`, failed: true } : u,
          ),
    );
    return result.ok ? result.data : null;
  };

  const addImage = async () => {
    const picked = await chooseImage();
    if (!picked.ok) return showFailure('图片', picked.message);
    if (!picked.data) return;
    const photo = picked.data;
    const fileId = await upload('图片', (id) => uploadNoticeFile(id, { kind: 'image', photo }));
    if (fileId) update((v) => ({ ...v, images: [...v.images, fileId] }));
  };

  const addAttachment = async () => {
    const picked = await chooseDocument('attachment');
    if (!picked.ok) return showFailure('附件', picked.message);
    if (!picked.data) return;
    const file = picked.data;
    const fileId = await upload(`「${file.name}」`, (id) =>
      uploadNoticeFile(id, { kind: 'attachment', path: file.path, extension: file.extension }),
    );
    const name = file.name.replace(/\.pdf$/i, '').slice(0, ATTACHMENT_NAME_MAX) || '附件';
    if (fileId) update((v) => ({ ...v, attachments: [...v.attachments, { fileId, name }] }));
  };

  const addAudio = async (clip: {
    path: string;
    seconds: number;
    extension: 'mp3' | 'aac' | 'm4a';
  }) => {
    const fileId = await upload('语音', (id) =>
      uploadNoticeFile(id, { kind: 'audio', path: clip.path, extension: clip.extension }),
    );
    if (fileId) {
      const seconds = Math.min(clip.seconds, MAX_AUDIO_SECONDS);
      update((v) => ({ ...v, audio: [...v.audio, { fileId, label: DEFAULT_LABEL, seconds }] }));
    }
  };

  const chooseAudio = async () => {
    const picked = await chooseDocument('audio');
    if (!picked.ok) return showFailure('音频', picked.message);
    if (!picked.data) return;
    const { path, seconds, extension } = picked.data;
    // The picker offers audio only; the type does not know that.
    if (extension !== 'pdf') await addAudio({ path, seconds, extension });
  };

  const startRecording = async () => {
    if (!support.supported) return;
    // Saved before recording starts, so the clip uploads the moment it ends.
    if (!(await props.ensureSaved())) return;
    setRecording(true);
    support.recorder.start((result) => {
      setRecording(false);
      if (!result.ok) showFailure('录音', result.message);
      else void addAudio(result.data);
    });
  };

  const showFailure = (what: string, message: string) =>
    setUploads((list) => [...list, { id: Date.now(), text: `${what}：${message}`, failed: true }]);

  const setLabel = (index: number, label: string) =>
    update((v) => ({
      ...v,
      audio: v.audio.map((clip, i) => (i === index ? { ...clip, label } : clip)),
    }));

  return (
    <View>
      <FormField label="图片" optional hint={`最多 ${MAX_NOTICE_IMAGES} 张`} error={errors.images}>
        <View className="image-grid">
          {value.images.map((fileId) => (
            <View key={fileId}>
              <Image className="image-grid__item" src={fileSrc(fileId)} mode="aspectFill" />
              <Button
                className="btn btn--small"
                hoverClass="btn--pressed"
                onClick={() =>
                  update((v) => ({ ...v, images: v.images.filter((id) => id !== fileId) }))
                }
              >
                删除
              </Button>
            </View>
          ))}
        </View>
        {value.images.length < MAX_NOTICE_IMAGES ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={() => void addImage()}
          >
            添加图片
          </Button>
        ) : null}
      </FormField>

      <FormField
        label="附件（PDF）"
        optional
        hint="如 正式文件的 PDF；手机上从微信聊天中选择"
        error={errors.attachments}
      >
        {value.attachments.map((a) => (
          <View key={a.fileId} className="file-line">
            <Text className="file-line__name">📄 {a.name}</Text>
            <Button
              className="btn btn--small"
              hoverClass="btn--pressed"
              onClick={() =>
                update((v) => ({
                  ...v,
                  attachments: v.attachments.filter((x) => x.fileId !== a.fileId),
                }))
              }
            >
              删除
            </Button>
          </View>
        ))}
        {value.attachments.length < MAX_NOTICE_ATTACHMENTS ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={() => void addAttachment()}
          >
            选择 PDF 文件
          </Button>
        ) : null}
      </FormField>

      <FormField
        label="语音"
        optional
        hint={`给不识字的居民听；每段标明语言或方言，如 普通话、粤语、九江话。每段不超过 ${MAX_AUDIO_SECONDS / 60} 分钟`}
        error={errors.audio}
      >
        {value.audio.map((clip, index) => (
          <View key={clip.fileId} className="file-line">
            <Text className="file-line__name">
              🔊 第 {index + 1} 段 · {minutes(clip.seconds)}
            </Text>
            <Button
              className="btn btn--small"
              hoverClass="btn--pressed"
              onClick={() =>
                update((v) => ({ ...v, audio: v.audio.filter((x) => x.fileId !== clip.fileId) }))
              }
            >
              删除
            </Button>
            <TextField
              label={`第 ${index + 1} 段的语言或方言`}
              value={clip.label}
              maxlength={12}
              placeholder="如 普通话、粤语、九江话"
              onChange={(label) => setLabel(index, label)}
            />
          </View>
        ))}
        {value.audio.length < MAX_NOTICE_AUDIO ? (
          <View className="btn-row">
            {support.supported ? (
              <Button
                className={recording ? 'btn btn--danger' : 'btn btn--primary'}
                hoverClass="btn--pressed"
                onClick={() => (recording ? support.recorder.stop() : void startRecording())}
              >
                {recording ? '● 录音中，点此停止' : '开始录音'}
              </Button>
            ) : null}
            <Button
              className="btn btn--secondary"
              hoverClass="btn--pressed"
              disabled={recording ? true : undefined}
              onClick={() => void chooseAudio()}
            >
              选择音频文件
            </Button>
          </View>
        ) : null}
        {support.supported ? null : <Text className="small-note">{support.reason}</Text>}
      </FormField>

      {uploads.map((u) => (
        <Text key={u.id} className={u.failed ? 'notice notice--error' : 'notice'}>
          {u.text}
        </Text>
      ))}
    </View>
  );
}

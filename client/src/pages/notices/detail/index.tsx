import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { CannotOpen, LoadFailed, StatusBlock } from '../../../components/status-block';
import { useElderClass } from '../../../hooks/use-elder-mode';
import { useResource } from '../../../hooks/use-resource';
import { platform } from '../../../platform';
import { decodeParam } from '../../../routes';
import { formatChinaDateTime } from '../../../services/format';
import { NOTICE_AUDIENCE_LABELS, openNotice, type NoticeView } from '../../../services/notices';
import { AudioClips } from './audio-clips';
import '../shared.css';

/**
 * One notice (`?id=`, the page the reminder about an unread notice opens): its text in large
 * type, pictures to view full screen, PDFs in the phone's viewer and each recording behind one
 * big button. Opening it is the reader's receipt.
 */
export default function NoticeDetailPage() {
  const noticeId = decodeParam(useRouter().params['id']);
  if (!noticeId) return <CannotOpen missing="通知编号" from="通知公告" />;
  return <NoticeDetail noticeId={noticeId} />;
}

function NoticeDetail({ noticeId }: { noticeId: string }) {
  const load = useCallback(() => openNotice(noticeId), [noticeId]);
  // Read once: the open itself marks 'notices' stale (the receipt), and coming back from a
  // picture or a PDF must not open it again.
  const { state, reload } = useResource(load, { topics: [] });
  const rootClass = useElderClass('page notice-detail');

  if (state.status === 'loading') {
    return (
      <View className={rootClass}>
        <StatusBlock kind="loading" title="加载中…" />
      </View>
    );
  }
  if (state.status === 'failed') {
    // A link to a notice withdrawn, expired or for others (or a mangled one): nothing to retry.
    const gone =
      state.code === 'NOT_FOUND' || state.code === 'FORBIDDEN' || state.code === 'INVALID_INPUT';
    return (
      <View className={rootClass}>
        {gone ? (
          <StatusBlock
            kind="error"
            title="无法查看此通知"
            message="通知不存在、已撤回或已过期，或不是发给您的。请回到通知公告查看其他通知。"
          />
        ) : (
          <LoadFailed title="通知加载失败" message={state.message} onRetry={reload} />
        )}
      </View>
    );
  }
  return (
    <View className={rootClass}>
      <NoticeContent notice={state.data} />
    </View>
  );
}

function NoticeContent({ notice }: { notice: NoticeView }) {
  return (
    <View>
      <Text className="notice-detail__title">{notice.title}</Text>
      <View className="notice-detail__meta">
        <Text>
          {notice.gridName} · {notice.author}
        </Text>
        <Text>
          {notice.publishedAt ? `发布于 ${formatChinaDateTime(notice.publishedAt)}` : '未发布'}
          {notice.pinned ? '　置顶' : ''}
        </Text>
        <Text>
          发给：{NOTICE_AUDIENCE_LABELS[notice.audience]}
          {notice.expiresDay ? `　有效期至 ${notice.expiresDay}` : ''}
        </Text>
      </View>
      {notice.withdrawn ? (
        <Text className="notice notice--error">
          已于 {formatChinaDateTime(notice.withdrawn.at)} 由 {notice.withdrawn.by} 撤回：
          {notice.withdrawn.reason}
        </Text>
      ) : null}
      {notice.audio.length > 0 ? <AudioClips clips={notice.audio} /> : null}
      <Text className="notice-detail__body" userSelect>
        {notice.body}
      </Text>
      {notice.images.length > 0 ? (
        <View className="notice-detail__images">
          {notice.images.map((fileId) => (
            <Image
              key={fileId}
              className="notice-detail__image"
              src={platform.photoSrc(fileId)}
              mode="widthFix"
              lazyLoad
              onClick={() => platform.previewImages(notice.images, fileId)}
            />
          ))}
          <Text className="small-note">点击图片可放大查看</Text>
        </View>
      ) : null}
      {notice.attachments.length > 0 ? (
        <View className="notice-detail__files">
          <Text className="section__title">附件</Text>
          {notice.attachments.map((file) => (
            <View
              key={file.fileId}
              className="notice-file"
              hoverClass="notice-file--pressed"
              onClick={() => void openAttachment(file.fileId, file.name)}
            >
              <Text className="notice-file__name">📄 {file.name}</Text>
              <Text className="notice-file__open">打开</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

async function openAttachment(fileId: string, name: string): Promise<void> {
  const result = await platform.openDocument(fileId, name);
  if (!result.ok) void Taro.showToast({ title: result.message, icon: 'none' });
}

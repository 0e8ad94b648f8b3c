import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { ToggleSwitch } from '../../../components/toggle-switch';
import { useResource } from '../../../hooks/use-resource';
import { askToConfirm, scrollToFirstError, toastDone } from '../../../interaction';
import { decodeParam, routes } from '../../../routes';
import { getGridDetail } from '../../../services/grids';
import {
  addDays,
  chinaToday,
  getNotice,
  MAX_NOTICE_DAYS,
  NOTICE_AUDIENCE_LABELS,
  NOTICE_AUDIENCES,
  publish,
  type NoticeAudience,
  type NoticeContent,
  type NoticeView,
} from '../../../services/notices-manage';
import { NoticeFiles, type NoticeFilesValue } from './files';
import { useDraft } from './use-draft';
import '../shared/index.css';

/** Most notices (a campaign, a holiday's rules) hold for about a month; the author may change it. */
const DEFAULT_DAYS = 30;
const AUDIENCE_OPTIONS = NOTICE_AUDIENCES.map((value) => ({
  value,
  label: NOTICE_AUDIENCE_LABELS[value],
}));

/**
 * 发布通知 on a node (`?gridId=`), or a draft taken up again (`?id=`): title, body, pictures, the
 * PDF of the official text, recordings each labelled with its language or dialect, audience, 置顶
 * and the last day it shows; 保存草稿, or 发布 once the author confirmed who it goes to.
 */
export default function EditPage() {
  const params = useRouter().params;
  const noticeId = decodeParam(params.id);
  const gridId = decodeParam(params.gridId);
  if (noticeId) return <DraftLoader noticeId={noticeId} />;
  if (gridId) return <NewLoader gridId={gridId} />;
  return <CannotOpen missing="网格或通知编号" from="通知公告管理" />;
}

function DraftLoader({ noticeId }: { noticeId: string }) {
  const load = useCallback(() => getNotice(noticeId), [noticeId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(notice) =>
        notice.may.edit ? (
          <NoticeForm gridId={notice.gridId} gridName={notice.gridName} notice={notice} />
        ) : (
          <StatusBlock
            kind="error"
            title="不能编辑"
            message="只有发布范围内的网格长可以编辑这条通知"
          />
        )
      }
    </ResourcePage>
  );
}

function NewLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) =>
        detail.can.manage ? (
          <NoticeForm gridId={gridId} gridName={detail.node.name} notice={null} />
        ) : (
          <StatusBlock
            kind="error"
            title="不能发布"
            message="只有本网格及上级的网格长可以发布通知"
          />
        )
      }
    </ResourcePage>
  );
}

function NoticeForm(props: { gridId: string; gridName: string; notice: NoticeView | null }) {
  const { notice, gridName } = props;
  const today = chinaToday();
  const [title, setTitle] = useState(notice?.title ?? '');
  const [body, setBody] = useState(notice?.body ?? '');
  const [files, setFiles] = useState<NoticeFilesValue>({
    images: notice?.images ?? [],
    attachments: notice?.attachments ?? [],
    audio: notice?.audio ?? [],
  });
  const [audience, setAudience] = useState<NoticeAudience>(notice?.audience ?? 'all');
  const [pinned, setPinned] = useState(notice?.pinned ?? false);
  const [expiresDay, setExpiresDay] = useState(
    notice ? notice.expiresDay : addDays(today, DEFAULT_DAYS),
  );
  const draft = useDraft(props.gridId, notice);
  const { errors, fixed } = draft;

  const content = (): NoticeContent => ({
    title,
    body,
    ...files,
    audience,
    pinned,
    expiresDay,
  });

  const saveOnly = async () => {
    const stored = await draft.save(content());
    if (!stored) {
      scrollToFirstError();
      return;
    }
    toastDone('草稿已保存');
  };

  /** The first file needs a notice to belong to: the form is saved as a draft first. */
  const ensureSaved = async (): Promise<string | null> => {
    const id = draft.savedId();
    if (id) return id;
    const stored = await draft.save(content());
    if (!stored) {
      draft.setMessage('请先填好标题和正文：添加文件前通知会先保存为草稿');
      scrollToFirstError();
      return null;
    }
    return stored.id;
  };

  const publishNow = async () => {
    const stored = await draft.save(content());
    if (!stored) {
      scrollToFirstError();
      return;
    }
    const confirmed = await askToConfirm(
      '确认发布',
      `发布给「${gridName}」及下级网格的${NOTICE_AUDIENCE_LABELS[audience]}？发布后对方即可看到。`,
      '发布',
    );
    if (!confirmed) return;
    draft.setBusy(true);
    const result = await publish(stored.id);
    draft.setBusy(false);
    if (!result.ok) {
      draft.setMessage(result.message);
      return;
    }
    toastDone('已发布');
    void Taro.redirectTo({ url: routes.noticesManage(props.gridId) });
  };

  return (
    <View className="page">
      <Text className="page__title">{notice ? '编辑通知' : '发布通知'}</Text>
      <Text className="page__hint">发布到「{gridName}」及下级网格</Text>
      <TextField
        label="标题"
        value={title}
        onChange={(v) => {
          fixed('title');
          setTitle(v);
        }}
        maxlength={40}
        placeholder="如 关于春节返乡人员登记的通知"
        error={errors.title}
      />
      <FormField label="正文" error={errors.body}>
        <Textarea
          className="text-input body-input"
          value={body}
          maxlength={5000}
          placeholder="通知内容；重要的时间、地点写清楚"
          onInput={(e) => {
            fixed('body');
            setBody(e.detail.value);
          }}
        />
      </FormField>
      <NoticeFiles
        value={files}
        update={(change) => {
          fixed('images');
          fixed('attachments');
          fixed('audio');
          setFiles(change);
        }}
        errors={errors}
        ensureSaved={ensureSaved}
      />
      <FormField label="发布对象" error={errors.audience}>
        <ChoiceChips
          options={AUDIENCE_OPTIONS}
          value={audience}
          onChange={(v) => {
            fixed('audience');
            setAudience(v);
          }}
        />
      </FormField>
      <FormField label="置顶" hint="置顶的通知排在居民列表最前" error={errors.pinned}>
        <ToggleSwitch checked={pinned} onChange={setPinned} onText="置顶" offText="不置顶" />
      </FormField>
      <FormField
        label="有效期至"
        hint={`最后一天显示的日期，最长 ${MAX_NOTICE_DAYS} 天；不设则撤回前一直显示`}
        error={errors.expiresDay}
      >
        <Picker
          mode="date"
          value={expiresDay ?? addDays(today, DEFAULT_DAYS)}
          start={today}
          end={addDays(today, MAX_NOTICE_DAYS)}
          onChange={(e) => {
            fixed('expiresDay');
            setExpiresDay(e.detail.value);
          }}
        >
          <View className="text-input">{expiresDay ?? '不设有效期'}</View>
        </Picker>
        <ToggleSwitch
          checked={expiresDay === null}
          onChange={(forever) => setExpiresDay(forever ? null : addDays(today, DEFAULT_DAYS))}
          onText="撤回前一直显示"
          offText="到期后不再显示"
        />
      </FormField>
      {draft.message ? <Text className="notice notice--error">{draft.message}</Text> : null}
      <View className="btn-row">
        <Button
          className="btn btn--primary"
          hoverClass="btn--pressed"
          disabled={draft.busy ? true : undefined}
          onClick={() => void publishNow()}
        >
          {draft.busy ? '请稍候…' : '发布'}
        </Button>
        <Button
          className="btn btn--secondary"
          hoverClass="btn--pressed"
          disabled={draft.busy ? true : undefined}
          onClick={() => void saveOnly()}
        >
          保存草稿
        </Button>
      </View>
    </View>
  );
}

import { Button, Progress, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState, type ReactNode } from 'react';
import { StatusBlock } from '../../components/status-block';
import { askToConfirm, toastDone } from '../../interaction';
import { goBack, openPage, routes } from '../../routes';
import { formatChinaDateTime } from '../../services/format';
import {
  REGISTER_FILE_HINT,
  getImportTemplate,
  openSpreadsheet,
  progressPercent,
  type ImportView,
} from '../../services/imports';
import { ImportCountsList, ImportIssues, targetsToWrite } from './import-summary';
import { useImport, type ImportFlow } from './use-import';

/** ① 下载模板 ② 填写 ③ 上传, then whatever the upload led to: errors, counts, progress, done. */
export function ImportFlowView({
  gridId,
  pending,
}: {
  gridId: string;
  pending: ImportView | null;
}) {
  const { flow, uploadError, upload, commit } = useImport(gridId, pending);
  // Nothing else starts while a call is out; a stopped import may still be replaced by a new file.
  const busy =
    flow.step === 'uploading' ||
    flow.step === 'checking' ||
    (flow.step === 'committing' && flow.failure === null);

  const confirmAndCommit = async (view: ImportView) => {
    const { nodes, households, people } = view.counts;
    const confirmed = await askToConfirm(
      '确认导入',
      `将在「${view.gridName}」下新建网格 ${nodes.create} 个、新建住户 ${households.create} 户，` +
        `新增 ${people.create} 人、更新 ${people.update} 人${targetsToWrite(view.counts)}。导入后不能撤销。`,
      '开始导入',
    );
    if (confirmed) await commit(view);
  };

  return (
    <View className="import__flow">
      <View className="section import-steps">
        <Step mark="①" text="下载模板">
          <TemplateButton gridId={gridId} />
        </Step>
        <Step
          mark="②"
          text="在电脑或手机上填写（一行一人，同一户的人连续填写；出租屋、企业填在各自的表里，可不填）"
        />
        <Step mark="③" text="上传填好的文件">
          <Button
            className="btn btn--primary btn--block"
            hoverClass="btn--pressed"
            disabled={busy ? true : undefined}
            onClick={() => void upload()}
          >
            {uploadLabel(flow)}
          </Button>
          <Text className="small-note">{REGISTER_FILE_HINT}</Text>
        </Step>
        {uploadError ? <Text className="notice notice--error">{uploadError}</Text> : null}
      </View>

      {flow.step === 'uploading' || flow.step === 'checking' ? (
        <StatusBlock
          kind="loading"
          title={flow.step === 'uploading' ? '上传中…' : '正在校验…'}
          message={flow.fileName}
        />
      ) : null}
      {flow.step === 'pending' ? (
        <PendingCard
          view={flow.view}
          onResume={() =>
            void (flow.view.status === 'ready' ? confirmAndCommit(flow.view) : commit(flow.view))
          }
        />
      ) : null}
      {flow.step === 'preview' ? (
        <PreviewCard
          view={flow.view}
          fileName={flow.fileName}
          onCommit={() => void confirmAndCommit(flow.view)}
        />
      ) : null}
      {flow.step === 'committing' ? (
        <CommitCard
          view={flow.view}
          failure={flow.failure}
          onResume={() => void commit(flow.view)}
        />
      ) : null}
      {flow.step === 'done' ? <DoneCard view={flow.view} /> : null}
    </View>
  );
}

function uploadLabel(flow: ImportFlow): string {
  if (flow.step === 'uploading') return '上传中…';
  if (flow.step === 'checking') return '正在校验…';
  if (flow.step === 'idle') return '选择文件上传';
  return '重新上传';
}

function Step({ mark, text, children }: { mark: string; text: string; children?: ReactNode }) {
  return (
    <View className="import-step">
      <View className="import-step__line">
        <Text className="import-step__mark">{mark}</Text>
        <Text className="import-step__text">{text}</Text>
      </View>
      {children}
    </View>
  );
}

/** 下载模板: the template for this node's subtree, its level names as columns. */
function TemplateButton({ gridId }: { gridId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setError(null);
    setBusy(true);
    const template = await getImportTemplate(gridId);
    const opened = template.ok
      ? await openSpreadsheet(template.data.url, template.data.fileName)
      : template;
    setBusy(false);
    if (!opened.ok) setError(`模板下载失败：${opened.message}`);
  };

  return (
    <View>
      <Button
        className="btn btn--secondary btn--block"
        hoverClass="btn--pressed"
        disabled={busy ? true : undefined}
        onClick={() => void download()}
      >
        {busy ? '正在生成模板…' : '下载模板'}
      </Button>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
    </View>
  );
}

/** Found on opening: an upload that was checked and not imported, or an import cut short. */
function PendingCard({ view, onResume }: { view: ImportView; onResume: () => void }) {
  const started = view.status === 'committing';
  return (
    <View className="card import-card">
      <Text className="import-card__title">
        {started ? '上次导入未完成' : '上次上传的文件已校验通过，尚未导入'}
      </Text>
      <Text className="small-note">上传于 {formatChinaDateTime(view.createdAt)}</Text>
      <ImportCountsList counts={view.counts} />
      {started ? <CommitProgress view={view} /> : null}
      <Button className="btn btn--primary btn--block" hoverClass="btn--pressed" onClick={onResume}>
        继续导入
      </Button>
      <Text className="small-note">也可以点上方「重新上传」换一个文件。</Text>
    </View>
  );
}

/** What the checked file would do, or why it cannot be imported. */
function PreviewCard(props: { view: ImportView; fileName: string | null; onCommit: () => void }) {
  const { view } = props;
  if (view.status === 'invalid') {
    return (
      <View className="card import-card import-card--invalid">
        {props.fileName ? <Text className="import-card__file">{props.fileName}</Text> : null}
        <Text className="import-card__title import-card__title--error">
          发现 {view.errorCount} 处错误，请修改后重新上传
        </Text>
        <ImportIssues view={view} />
      </View>
    );
  }
  return (
    <View className="card import-card">
      {props.fileName ? <Text className="import-card__file">{props.fileName}</Text> : null}
      <Text className="import-card__title">校验通过，导入后将：</Text>
      <ImportCountsList counts={view.counts} />
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        onClick={props.onCommit}
      >
        确认导入
      </Button>
    </View>
  );
}

function CommitProgress({ view }: { view: ImportView }) {
  return (
    <View className="import-progress">
      <Progress
        percent={progressPercent(view)}
        strokeWidth={12}
        borderRadius={6}
        activeColor="#c8161d"
        backgroundColor="#eee6e2"
      />
      <Text className="import-progress__text">
        已完成 {view.progress.done}/{view.progress.total}
      </Text>
    </View>
  );
}

/** Parts being committed; a failed call stops here with 继续导入, which resumes the same import. */
function CommitCard(props: { view: ImportView; failure: string | null; onResume: () => void }) {
  return (
    <View className="card import-card">
      <Text className="import-card__title">{props.failure ? '导入中断' : '正在导入…'}</Text>
      <CommitProgress view={props.view} />
      {props.failure ? (
        <View>
          <Text className="notice notice--error">{props.failure}</Text>
          <Button
            className="btn btn--primary btn--block"
            hoverClass="btn--pressed"
            onClick={props.onResume}
          >
            继续导入
          </Button>
        </View>
      ) : (
        <Text className="small-note">导入中途离开也不要紧，回到本页可以继续导入。</Text>
      )}
    </View>
  );
}

function DoneCard({ view }: { view: ImportView }) {
  useEffect(() => {
    toastDone('导入完成');
  }, []);
  // Back to the node the page was opened from (it reloads what changed), or to it afresh.
  const toNode = () => {
    if (Taro.getCurrentPages().length > 1) goBack();
    else openPage(routes.gridDetail(view.gridId));
  };
  return (
    <View className="card import-card import-card--done">
      <Text className="import-card__title import-card__title--done">导入完成</Text>
      <ImportCountsList counts={view.counts} />
      <Button className="btn btn--primary btn--block" hoverClass="btn--pressed" onClick={toNode}>
        查看网格
      </Button>
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { askToConfirm } from '../../../interaction';
import { exportCheckpointLog } from '../../../services/checkpoints-log';
import { openSpreadsheet } from '../../../services/imports';

type ExportState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; note: string }
  | { status: 'failed'; message: string };

/**
 * 导出 Excel of a site's log over the days on screen (leaders only): names and phones masked,
 * the exporter's name and time on every sheet. It opens in WeChat's viewer (a download on h5).
 */
export function LogExport(props: { siteId: string; name: string; from: string; to: string }) {
  const { siteId, name, from, to } = props;
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const run = async () => {
    const confirmed = await askToConfirm(
      '导出 Excel',
      `导出「${name}」${from} 至 ${to} 的通行记录？姓名和手机号已脱敏，文件仅限防控工作使用，导出将被记录。`,
      '导出',
    );
    if (!confirmed) return;
    setState({ status: 'running' });
    const result = await exportCheckpointLog(siteId, from, to);
    if (!result.ok) {
      setState({ status: 'failed', message: result.message });
      return;
    }
    const { url, fileName, entries } = result.data;
    const opened = await openSpreadsheet(url, fileName);
    if (!opened.ok) {
      setState({ status: 'failed', message: opened.message });
      return;
    }
    setState({ status: 'done', note: `已导出 ${entries} 条通行记录（${fileName}）。` });
  };

  const running = state.status === 'running';
  return (
    <View className="section">
      <Button
        className="btn btn--secondary btn--block"
        hoverClass="btn--pressed"
        disabled={running ? true : undefined}
        onClick={() => void run()}
      >
        {running ? '正在导出…' : '导出 Excel'}
      </Button>
      {state.status === 'done' ? (
        <Text className="notice notice--success">{state.note}</Text>
      ) : null}
      {state.status === 'failed' ? (
        <Text className="notice notice--error">导出失败：{state.message}</Text>
      ) : null}
    </View>
  );
}

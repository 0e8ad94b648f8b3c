import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { askToConfirm } from '../../../interaction';
import { exportCampaign } from '../../../services/campaigns';
import { openSpreadsheet } from '../../../services/imports';

type ExportState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; note: string }
  | { status: 'failed'; message: string };

/**
 * 导出 Excel of the campaign under the node on screen: every target with each round's outcome,
 * answers and 责任书, and the coverage. The file opens in WeChat's viewer (or downloads in the
 * browser); its link is never shown.
 */
export function CampaignExport(props: { campaignId: string; gridId: string; nodeName: string }) {
  const { campaignId, gridId, nodeName } = props;
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const run = async () => {
    const confirmed = await askToConfirm(
      '导出 Excel',
      `导出「${nodeName}」本次排查的走访明细和覆盖率？文件仅限防控工作使用。`,
      '导出',
    );
    if (!confirmed) return;
    setState({ status: 'running' });
    const result = await exportCampaign(campaignId, gridId);
    if (!result.ok) {
      setState({ status: 'failed', message: result.message });
      return;
    }
    const { url, fileName, targets, rounds } = result.data;
    const opened = await openSpreadsheet(url, fileName);
    if (!opened.ok) {
      setState({ status: 'failed', message: opened.message });
      return;
    }
    setState({
      status: 'done',
      note: `已导出 ${targets} 个对象、${rounds} 轮走访（${fileName}）。`,
    });
  };

  const running = state.status === 'running';
  return (
    <View className="section campaign-export">
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

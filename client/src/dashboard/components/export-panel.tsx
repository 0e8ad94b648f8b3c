import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { platform } from '../../platform';
import { exportProgressText, type ExportStatus } from '../../services/dashboard';
import { useExport } from './use-export';

/** How far along the bar is in each phase; reading rows is most of the work. */
function progressPercent(progress: ExportStatus | null): number {
  if (!progress) return 2;
  switch (progress.phase) {
    case 'queued':
      return 2;
    case 'reading':
      return progress.total > 0 ? 5 + Math.round((65 * progress.done) / progress.total) : 5;
    case 'writing':
      return 80;
    case 'uploading':
      return 92;
    case 'done':
    case 'failed':
      return 100;
  }
}

async function confirmExport(name: string, day: string): Promise<boolean> {
  try {
    const res = await Taro.showModal({
      title: '导出 Excel',
      content: `导出「${name}」${day} 的日报（含下级网格、异常和未报人员名单，号码已隐藏）？文件仅限防控工作使用。`,
      confirmText: '导出',
      cancelText: '取消',
    });
    return res.confirm;
  } catch {
    return false;
  }
}

/** 导出 Excel: asks first, shows progress while the file is written, then offers it. */
export function ExportPanel({ gridId, name, day }: { gridId: string; name: string; day: string }) {
  const { state, start } = useExport(gridId, day);
  const [openError, setOpenError] = useState<string | null>(null);

  const onExport = async () => {
    if (!(await confirmExport(name, day))) return;
    setOpenError(null);
    await start();
  };

  const onOpen = async (url: string, fileName: string) => {
    setOpenError(null);
    const opened = await platform.openSpreadsheet(url, fileName);
    if (!opened.ok) setOpenError(opened.message);
  };

  return (
    <View className="export-panel">
      <Button
        className="btn btn--secondary btn--block"
        hoverClass="btn--pressed"
        disabled={state.status === 'running' ? true : undefined}
        onClick={() => void onExport()}
      >
        {state.status === 'running' ? '正在导出…' : '导出 Excel'}
      </Button>

      {state.status === 'running' ? (
        <View className="export-progress">
          <Text className="export-progress__text">
            {state.progress ? exportProgressText(state.progress) : '正在准备导出…'}
          </Text>
          <View className="export-progress__bar">
            <View
              className="export-progress__fill"
              style={{ width: `${progressPercent(state.progress)}%` }}
            />
          </View>
        </View>
      ) : null}

      {state.status === 'failed' ? (
        <Text className="notice notice--error">导出失败：{state.message}</Text>
      ) : null}

      {state.status === 'done' ? (
        <View className="card export-result">
          <Text className="export-result__title">导出完成</Text>
          <Text className="export-result__file">{state.result.fileName}</Text>
          <Text className="small-note">共 {state.result.rows} 个网格，下载链接仅短时间有效</Text>
          <Button
            className="btn btn--primary btn--block"
            hoverClass="btn--pressed"
            onClick={() => void onOpen(state.result.url, state.result.fileName)}
          >
            {platform.kind === 'weapp' ? '打开文件' : '下载文件'}
          </Button>
          {openError ? <Text className="notice notice--error">{openError}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}

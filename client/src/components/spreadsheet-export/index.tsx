import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { askToConfirm } from '../../interaction';
import { openSpreadsheet } from '../../services/imports';

type ExportState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; note: string }
  | { status: 'failed'; message: string };

/**
 * 导出 Excel: asks first (`question`), has the server write the file, opens it in WeChat's viewer
 * (a download on h5) and says what was exported; the file's link is never shown.
 */
export function SpreadsheetExport<T extends { url: string; fileName: string }>(props: {
  question: string;
  exportFile: () => Promise<FunctionResult<T>>;
  doneNote: (data: T) => string;
  className?: string;
}) {
  const { question, exportFile, doneNote, className } = props;
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const run = async () => {
    if (!(await askToConfirm('导出 Excel', question, '导出'))) return;
    setState({ status: 'running' });
    const result = await exportFile();
    if (!result.ok) {
      setState({ status: 'failed', message: result.message });
      return;
    }
    const opened = await openSpreadsheet(result.data.url, result.data.fileName);
    if (!opened.ok) {
      setState({ status: 'failed', message: opened.message });
      return;
    }
    setState({ status: 'done', note: doneNote(result.data) });
  };

  const running = state.status === 'running';
  return (
    <View className={className ? `section ${className}` : 'section'}>
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

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { askToConfirm } from '../../interaction';
import { exportRegister, openSpreadsheet } from '../../services/imports';

type ExportState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; note: string }
  | { status: 'failed'; message: string };

/**
 * 导出登记表: the node's households and people in the template's layout. Whether the ID numbers
 * and phones in it are whole is the server's answer (who may reveal them), and is said here.
 */
export function RegisterExport({ gridId, name }: { gridId: string; name: string }) {
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const run = async () => {
    const confirmed = await askToConfirm(
      '导出登记表',
      `导出「${name}」的住户和人员名单？文件仅限防控工作使用。`,
      '导出',
    );
    if (!confirmed) return;
    setState({ status: 'running' });
    const result = await exportRegister(gridId);
    if (!result.ok) {
      setState({ status: 'failed', message: result.message });
      return;
    }
    const { url, fileName, households, people, rentals, enterprises, revealed } = result.data;
    const targets =
      (rentals > 0 ? `、出租屋 ${rentals} 处` : '') +
      (enterprises > 0 ? `、企业 ${enterprises} 家` : '');
    const opened = await openSpreadsheet(url, fileName);
    if (!opened.ok) {
      setState({ status: 'failed', message: opened.message });
      return;
    }
    setState({
      status: 'done',
      note:
        `已导出 ${households} 户、${people} 人${targets}（${fileName}）。` +
        (revealed
          ? '文件含完整身份证号和手机号，请妥善保管，用后删除。'
          : '身份证号和手机号已隐藏部分数字。'),
    });
  };

  return (
    <View className="section register-export">
      <View className="section__head">
        <Text className="section__title">导出登记表</Text>
      </View>
      <Text className="import__hint">按模板的格式导出本网格的全部住户、人员、出租屋和企业。</Text>
      <Button
        className="btn btn--secondary btn--block"
        hoverClass="btn--pressed"
        disabled={state.status === 'running' ? true : undefined}
        onClick={() => void run()}
      >
        {state.status === 'running' ? '正在导出…' : '导出登记表'}
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

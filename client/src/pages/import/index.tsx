import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { MissingGrid, ResourcePage, StatusBlock } from '../../components/status-block';
import { useResource } from '../../hooks/use-resource';
import { decodeParam } from '../../routes';
import { getGridDetail } from '../../services/grids';
import { getPendingImport, type ImportView } from '../../services/imports';
import { ImportFlowView } from './import-flow';
import { RegisterExport } from './register-export';
import './index.css';

/** 导入登记表 of one node (`?gridId=`): template, upload, check, commit; and 导出登记表. */
export default function ImportPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <ImportLoader gridId={gridId} />;
}

interface Opening {
  name: string;
  /** A leader of the node or above, or the command centre: the server decides again on each call. */
  allowed: boolean;
  /** An import the caller left unfinished here, offered as 继续导入. */
  pending: ImportView | null;
}

async function openNode(gridId: string): Promise<FunctionResult<Opening>> {
  const [detail, pending] = await Promise.all([getGridDetail(gridId), getPendingImport(gridId)]);
  if (!detail.ok) return detail;
  const { node, can } = detail.data;
  if (!can.manage) return { ok: true, data: { name: node.name, allowed: false, pending: null } };
  if (!pending.ok) return pending;
  return { ok: true, data: { name: node.name, allowed: true, pending: pending.data } };
}

function ImportLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => openNode(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(opening) => <ImportBody gridId={gridId} opening={opening} />}
    </ResourcePage>
  );
}

function ImportBody({ gridId, opening }: { gridId: string; opening: Opening }) {
  if (!opening.allowed) {
    return (
      <View className="page">
        <StatusBlock
          kind="error"
          title="无法导入"
          message={`只有「${opening.name}」及上级网格的网格长、指挥部可以导入和导出登记表`}
        />
      </View>
    );
  }
  return (
    <View className="page import">
      <Text className="page__title">导入登记表</Text>
      <Text className="import__node">{opening.name}</Text>
      <ImportFlowView gridId={gridId} pending={opening.pending} />
      <RegisterExport gridId={gridId} name={opening.name} />
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { confirmDestructive, toastDone } from '../../interaction';
import { goBack, openPage, routes } from '../../routes';
import {
  createChildGrid,
  isEmptyNode,
  removeGrid,
  renameGrid,
  type GridDetail,
} from '../../services/grids';
import { MoveForm } from './move-form';
import { NameForm } from './name-form';

type Mode = 'idle' | 'create' | 'rename' | 'move';

export interface ManagePanelProps {
  detail: GridDetail;
  /** A child was added or the node renamed: the page reloads what it shows. */
  onChanged: () => void;
}

/** What a leader (or the command centre) may do here; only the actions `can` allows appear. */
export function ManagePanel({ detail, onChanged }: ManagePanelProps) {
  const { node, can } = detail;
  const [mode, setMode] = useState<Mode>('idle');
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deletable = can.restructure && isEmptyNode(node, detail.members.length);

  const remove = async () => {
    setError(null);
    const confirmed = await confirmDestructive(`确认删除「${node.name}」？此操作不可撤销`, '删除');
    if (!confirmed) return;
    setRemoving(true);
    const result = await removeGrid(node.id);
    setRemoving(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    toastDone('已删除');
    goBack();
  };

  const toggle = (next: Mode) => () => setMode(mode === next ? 'idle' : next);
  // In the order a leader reaches for them; each shows only where the policy allows it.
  const secondary = [
    { label: '新建下级网格', shown: can.manage, onClick: toggle('create') },
    { label: '重命名', shown: can.manage, onClick: toggle('rename') },
    { label: '移动到…', shown: can.restructure, onClick: toggle('move') },
    {
      label: '导入登记表',
      shown: can.manage,
      onClick: () => openPage(routes.importRegister(node.id)),
    },
    { label: '打印门牌码', shown: can.manage, onClick: () => openPage(routes.posters(node.id)) },
  ];

  return (
    <View className="section manage-panel">
      <View className="btn-row">
        {can.invite ? (
          <Button
            className="btn btn--primary"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.members(node.id))}
          >
            成员管理
          </Button>
        ) : null}
        {secondary
          .filter((action) => action.shown)
          .map((action) => (
            <Button
              key={action.label}
              className="btn btn--secondary"
              hoverClass="btn--pressed"
              onClick={action.onClick}
            >
              {action.label}
            </Button>
          ))}
        {deletable ? (
          <Button
            className="btn btn--danger"
            hoverClass="btn--pressed"
            disabled={removing ? true : undefined}
            onClick={() => void remove()}
          >
            {removing ? '删除中…' : '删除'}
          </Button>
        ) : null}
      </View>
      {error ? <Text className="notice notice--error">{error}</Text> : null}

      {mode === 'create' ? (
        <NameForm
          key="create"
          label="下级网格名称"
          initial=""
          submitText="新建"
          onSubmit={(name) => createChildGrid(node.id, name)}
          onDone={() => {
            setMode('idle');
            toastDone('已新建');
            onChanged();
          }}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'rename' ? (
        <NameForm
          key="rename"
          label="新的网格名称"
          initial={node.name}
          submitText="保存"
          onSubmit={(name) => renameGrid(node.id, name)}
          onDone={() => {
            setMode('idle');
            toastDone('已重命名');
            onChanged();
          }}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'move' ? (
        <MoveForm
          node={node}
          onDone={() => {
            setMode('idle');
            toastDone('已移动');
            onChanged();
          }}
          onCancel={() => setMode('idle')}
        />
      ) : null}
    </View>
  );
}

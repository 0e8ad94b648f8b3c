import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { PagedStates } from '../../components/paged-states';
import { usePagedList } from '../../hooks/use-paged-list';
import { askToConfirm } from '../../interaction';
import { listChildren, moveGrid, type GridNodeView } from '../../services/grids';

export interface MoveFormProps {
  node: GridNodeView;
  onDone: () => void;
  onCancel: () => void;
}

/**
 * 移动到…: the leader browses down from the nodes they may start from and picks the new parent;
 * the node itself (and so everything below it) cannot be entered. The server refuses any move the
 * caller may not make (outside their subtree, under its own subtree, under a node with households).
 */
export function MoveForm({ node, onDone, onCancel }: MoveFormProps) {
  // The nodes browsed into, top first; empty at the caller's own roots.
  const [trail, setTrail] = useState<GridNodeView[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const here = trail[trail.length - 1] ?? null;
  const fetchPage = useCallback((page: number) => listChildren(here?.id ?? null, page), [here]);
  const list = usePagedList(fetchPage);

  const move = async () => {
    if (!here) return;
    setMessage(null);
    const confirmed = await askToConfirm(
      '移动网格',
      `将「${node.name}」及其下级网格、住户和成员移到「${here.name}」之下`,
      '确认移动',
    );
    if (!confirmed) return;
    setBusy(true);
    const result = await moveGrid(node.id, here.id);
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    onDone();
  };

  return (
    <View className="card move-form">
      <Text className="section__title">移动「{node.name}」到…</Text>
      <Text className="small-note">
        当前位置：{here ? trail.map((n) => n.name).join(' / ') : '我管理的网格'}
      </Text>
      {here ? (
        <Button
          className="btn btn--secondary btn--small"
          hoverClass="btn--pressed"
          onClick={() => setTrail(trail.slice(0, -1))}
        >
          返回上一级
        </Button>
      ) : null}
      <PagedStates list={list} empty={{ title: '没有下级网格' }}>
        {(items) => (
          <>
            {items.map((child) =>
              child.id === node.id ? (
                <View key={child.id} className="move-form__row move-form__row--self">
                  <Text>{child.name}（当前网格）</Text>
                </View>
              ) : (
                <View
                  key={child.id}
                  className="move-form__row"
                  onClick={() => {
                    setMessage(null);
                    setTrail([...trail, child]);
                  }}
                >
                  <Text>{child.name}</Text>
                  <Text className="small-note">{child.levelName} ›</Text>
                </View>
              ),
            )}
          </>
        )}
      </PagedStates>
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <View className="btn-row">
        <Button
          className="btn btn--primary"
          hoverClass="btn--pressed"
          disabled={!here || here.id === node.parentId || busy ? true : undefined}
          onClick={() => void move()}
        >
          {busy ? '移动中…' : here ? `移到「${here.name}」下` : '请选择新的上级'}
        </Button>
        <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { MAX_PICKED_TARGETS, MEMBER_KIND_LABELS, type MemberKind } from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { PagedStates } from '../../../components/paged-states';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { useResource } from '../../../hooks/use-resource';
import { askToConfirm, confirmDestructive, toastDone } from '../../../interaction';
import { decodeParam, goBack } from '../../../routes';
import {
  assignTargets,
  getAssignOptions,
  listDoors,
  type AssignOptions,
} from '../../../services/campaigns';
import { TargetRow } from '../shared/target-row';

type Mode = 'node' | 'building' | 'targets';

/**
 * 分配 (`?id=&gridId=`): the node's targets to one of the staff on its path: all of them, one
 * 楼栋 of a leaf, or doors picked one by one (包片); or taken back.
 */
export default function AssignPage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const gridId = decodeParam(params.gridId);
  const load = useCallback(() => getAssignOptions(campaignId, gridId), [campaignId, gridId]);
  const { state, reload } = useResource(load);
  if (!campaignId || !gridId) {
    return <CannotOpen missing="排查或网格编号" from="排查详情" />;
  }
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(options) => <AssignForm campaignId={campaignId} gridId={gridId} options={options} />}
    </ResourcePage>
  );
}

function AssignForm(props: { campaignId: string; gridId: string; options: AssignOptions }) {
  const { campaignId, gridId, options } = props;
  const [mode, setMode] = useState<Mode>('node');
  const [building, setBuilding] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [openid, setOpenid] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const modes: { value: Mode; label: string }[] = [
    { value: 'node', label: '整个网格' },
    ...(options.buildings.length > 0 ? [{ value: 'building' as const, label: '按楼栋' }] : []),
    ...(options.leaf ? [{ value: 'targets' as const, label: '指定对象（包片）' }] : []),
  ];
  const member = options.team.find((m) => m.openid === openid);

  const scope = (): { by: { building?: string; targetIds?: string[] }; what: string } | null => {
    if (mode === 'building') {
      if (!building) return null;
      return { by: { building }, what: `${building} 栋的全部对象` };
    }
    if (mode === 'targets') {
      if (picked.length === 0) return null;
      return { by: { targetIds: picked }, what: `选中的 ${picked.length} 个对象` };
    }
    return { by: {}, what: '本网格的全部对象' };
  };

  const send = async (to: string | null) => {
    const chosen = scope();
    if (!chosen) {
      setMessage(mode === 'building' ? '请选择楼栋' : '请选择要分配的对象');
      return;
    }
    if (to !== null && !member) {
      setMessage('请选择走访人员');
      return;
    }
    const sure =
      to === null
        ? await confirmDestructive(`收回${chosen.what}的分配？`, '收回')
        : await askToConfirm(
            '分配走访对象',
            `将${chosen.what}分配给${member?.name ?? ''}？`,
            '分配',
          );
    if (!sure) return;
    setBusy(true);
    setMessage(null);
    const result = await assignTargets(campaignId, gridId, to, chosen.by);
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    toastDone(to === null ? '已收回' : `已分配 ${result.data.assigned} 个`);
    goBack();
  };

  return (
    <View className="page campaign-assign">
      <Text className="page__title">分配走访对象</Text>
      <Text className="page__hint">
        {options.nodeName}：分配后走访人员在「我的走访」中看到这些对象
      </Text>
      <FormField label="分配范围">
        <ChoiceChips options={modes} value={mode} onChange={setMode} />
      </FormField>
      {mode === 'building' ? (
        <FormField label="楼栋">
          <ChoiceChips
            options={options.buildings.map((b) => ({
              value: b.name,
              label: `${b.name} 栋（${b.targets}）`,
            }))}
            value={building}
            onChange={setBuilding}
          />
        </FormField>
      ) : null}
      {mode === 'targets' ? (
        <PickTargets campaignId={campaignId} gridId={gridId} picked={picked} onPick={setPicked} />
      ) : null}
      <FormField label="走访人员" hint="本网格及上级网格已确认身份的成员">
        {options.team.length === 0 ? (
          <StatusBlock kind="empty" title="本网格还没有可分配的成员" />
        ) : (
          <ChoiceChips
            options={options.team.map((m) => ({
              value: m.openid,
              label: `${m.name}（${m.gridName}${MEMBER_KIND_LABELS[m.kind as MemberKind] ?? ''}）`,
            }))}
            value={openid}
            onChange={setOpenid}
          />
        )}
      </FormField>
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        disabled={busy ? true : undefined}
        onClick={() => void send(openid)}
      >
        {busy ? '提交中…' : '分配'}
      </Button>
      <Button
        className="btn btn--secondary btn--block"
        hoverClass="btn--pressed"
        disabled={busy ? true : undefined}
        onClick={() => void send(null)}
      >
        收回分配
      </Button>
    </View>
  );
}

/** The leaf's doors to tick one by one, up to the hundred one assignment takes. */
function PickTargets(props: {
  campaignId: string;
  gridId: string;
  picked: string[];
  onPick: (ids: string[]) => void;
}) {
  const { campaignId, gridId, picked, onPick } = props;
  const fetchPage = useCallback(
    (page: number) => listDoors(campaignId, gridId, false, page),
    [campaignId, gridId],
  );
  const list = usePagedList(fetchPage);
  const toggle = (id: string) =>
    onPick(
      picked.includes(id)
        ? picked.filter((other) => other !== id)
        : picked.length < MAX_PICKED_TARGETS
          ? [...picked, id]
          : picked,
    );
  return (
    <View className="section">
      <Text className="section__meta">
        已选 {picked.length} 个（最多 {MAX_PICKED_TARGETS} 个），点按选择或取消
      </Text>
      <PagedStates list={list} failedTitle="对象加载失败" empty={{ title: '该网格没有走访对象' }}>
        {(items) =>
          items.map((row) => (
            <TargetRow
              key={row.id}
              row={row}
              showAssignee
              picked={picked.includes(row.id)}
              onOpen={() => toggle(row.id)}
            />
          ))
        }
      </PagedStates>
    </View>
  );
}

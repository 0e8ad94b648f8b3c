import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { TextField } from '../../../components/form-field';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid, ResourcePage } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import { getGridDetail, type GridDetail } from '../../../services/grids';
import { SEARCH_QUERY_MAX } from '../../../services/search';
import {
  ENTERPRISE_STATUS_LABELS,
  ENTERPRISE_STATUSES,
  listEnterprises,
  type EnterpriseStatus,
} from '../../../services/targets';
import { EnterpriseRowCard } from '../shared/rows';
import { useDebounced } from '../shared/use-debounced';

type Choice = 'all' | EnterpriseStatus;
const CHOICES: { value: Choice; label: string }[] = [
  { value: 'all', label: '全部' },
  ...ENTERPRISE_STATUSES.map((value) => ({ value, label: ENTERPRISE_STATUS_LABELS[value] })),
];

/**
 * 企业 of one node (`?gridId=`): a page at a time, narrowed to one 复工 status, found by the start
 * of the name or of the address, and 新建企业 on a leaf.
 */
export default function EnterprisesPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <EnterprisesLoader gridId={gridId} />;
}

function EnterprisesLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) => <Enterprises detail={detail} reloadDetail={reload} />}
    </ResourcePage>
  );
}

function Enterprises(props: { detail: GridDetail; reloadDetail: () => unknown }) {
  const { node, can } = props.detail;
  const [text, setText] = useState('');
  const [choice, setChoice] = useState<Choice>('all');
  const query = useDebounced(text);
  const fetchPage = useCallback(
    (page: number) =>
      listEnterprises(node.id, page, {
        ...(query && { query }),
        ...(choice !== 'all' && { status: choice }),
      }),
    [node.id, query, choice],
  );
  const list = usePagedList(fetchPage);
  usePullRefresh(() => Promise.all([props.reloadDetail(), list.reload()]));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${node.name} · 企业` });
  }, [node.name]);

  const mayCreate = can.registerPeople && node.childCount === 0;
  const filtered = Boolean(query) || choice !== 'all';
  return (
    <View className="page target-list">
      <ListHead
        title={node.name}
        list={list.state}
        unit="家"
        level="page"
        prefix={choice === 'all' ? '共' : ENTERPRISE_STATUS_LABELS[choice]}
      />
      {mayCreate ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.enterpriseForm({ gridId: node.id }))}
        >
          新建企业
        </Button>
      ) : null}
      {can.registerPeople && node.childCount > 0 ? (
        <Text className="page__hint">企业登记在最末一级网格，新建请进入下级网格。</Text>
      ) : null}
      <ChoiceChips options={CHOICES} value={choice} onChange={setChoice} />
      <TextField
        label="按名称或地址查找"
        value={text}
        onChange={setText}
        maxlength={SEARCH_QUERY_MAX}
        placeholder="输入企业名称或地址的开头"
      />
      <PagedStates
        list={list}
        failedTitle="企业加载失败"
        empty={
          filtered
            ? { title: '没有符合条件的企业', message: '点「全部」或换个写法再试' }
            : { title: '暂无企业', message: mayCreate ? '点「新建企业」登记第一家' : undefined }
        }
      >
        {(items) =>
          items.map((row) => (
            <EnterpriseRowCard
              key={row.id}
              row={row}
              onOpen={() => openPage(routes.enterprise(row.id))}
            />
          ))
        }
      </PagedStates>
    </View>
  );
}

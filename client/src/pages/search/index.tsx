import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { TextField } from '../../components/form-field';
import { ListHead } from '../../components/list-head';
import { PagedStates } from '../../components/paged-states';
import { MissingGrid, StatusBlock } from '../../components/status-block';
import { usePagedList } from '../../hooks/use-paged-list';
import { decodeParam } from '../../routes';
import {
  SEARCH_KIND_LABELS,
  SEARCH_KINDS,
  SEARCH_QUERY_MAX,
  SEARCH_RESULT_CAP,
  searchInGrid,
  type SearchKind,
} from '../../services/search';
import { SearchHitCard } from './search-hit';
import './index.css';

/** Typing pauses this long before a search goes out: one call per word, not per keystroke. */
const DEBOUNCE_MS = 400;

const HINTS: Record<SearchKind, string> = {
  people: '输入姓名，或手机号、身份证号的后四位',
  households: '输入住址开头，或 6 位门牌码',
  nodes: '输入网格名称中的几个字',
};

/**
 * 查找: people, households or nodes under one node the caller serves or leads (opened from
 * 网格详情). Numbers stay masked; 查看 shows one in full for a while and is recorded.
 */
export default function SearchPage() {
  const params = useRouter().params;
  const gridId = decodeParam(params.gridId);
  if (!gridId) return <MissingGrid />;
  return <Search gridId={gridId} gridName={decodeParam(params.name)} />;
}

function Search({ gridId, gridName }: { gridId: string; gridName: string }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<SearchKind>('people');

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <View className="page search-page">
      <Text className="page__title">{gridName ? `在「${gridName}」中查找` : '查找'}</Text>
      <Text className="page__hint small-note">
        只显示您负责的网格内的结果，身份证号和手机号默认隐藏，查看记录将被留存。
      </Text>
      <ChoiceChips
        options={SEARCH_KINDS.map((value) => ({ value, label: SEARCH_KIND_LABELS[value] }))}
        value={kind}
        onChange={setKind}
      />
      <TextField
        label="查找内容"
        value={text}
        onChange={setText}
        maxlength={SEARCH_QUERY_MAX}
        placeholder={HINTS[kind]}
        hint={HINTS[kind]}
      />
      {query ? (
        <Results key={`${kind}:${query}`} gridId={gridId} query={query} kind={kind} />
      ) : (
        <StatusBlock kind="empty" title="请输入要查找的内容" message={HINTS[kind]} />
      )}
    </View>
  );
}

function Results({ gridId, query, kind }: { gridId: string; query: string; kind: SearchKind }) {
  const fetchPage = useCallback(
    (page: number) => searchInGrid(gridId, query, kind, page),
    [gridId, query, kind],
  );
  const list = usePagedList(fetchPage);
  const unit = kind === 'people' ? '人' : kind === 'households' ? '户' : '个';
  const capped = list.state.status === 'ready' && list.state.total >= SEARCH_RESULT_CAP;
  return (
    <View className="section">
      <ListHead
        title="查找结果"
        list={list.state}
        unit={unit}
        {...(capped && { prefix: '至少' })}
      />
      {capped ? (
        <Text className="notice">
          结果太多，只能翻看前 {SEARCH_RESULT_CAP} 个，请输入更完整的内容
        </Text>
      ) : null}
      <PagedStates
        list={list}
        failedTitle="查找失败"
        empty={{ title: '没有找到', message: `换个写法再试试：${HINTS[kind]}` }}
      >
        {(items) => (
          <>
            {items.map((hit) => (
              <SearchHitCard key={hit.id} hit={hit} searchedGridId={gridId} />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

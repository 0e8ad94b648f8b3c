import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { TextField } from '../../../components/form-field';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { StatusBlock } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { openPage, routes } from '../../../routes';
import type { GridDetail } from '../../../services/grids';
import { SEARCH_QUERY_MAX, searchInGrid, type PersonHit } from '../../../services/search';
import { useDebounced } from './use-debounced';

/** Someone picked from the register: enough to show who was chosen. */
export interface PickedPerson {
  id: string;
  name: string;
  phoneMasked: string | null;
  address?: string;
}

/** Where to look for someone: the leaf, then the node above it (a landlord often lives nearby). */
export function pickerScopes(detail: GridDetail): { id: string; name: string }[] {
  const parent = detail.node.path[detail.node.path.length - 1];
  return [{ id: detail.node.id, name: detail.node.name }, ...(parent ? [parent] : [])];
}

/**
 * Picks a person of the register by a search within a node (the rental's own, or the one above
 * it): a name or the last four digits of a phone, never a list of thousands. Someone not yet
 * registered is registered first, under 住户登记.
 */
export function PersonPicker(props: {
  label: string;
  /** The nodes to search in, nearest first (the leaf, then its parent). */
  scopes: readonly { id: string; name: string }[];
  picked: PickedPerson | null;
  onPick: (person: PickedPerson | null) => void;
  /** People who may not be picked here (the landlord among tenants), with why. */
  excluded?: { ids: readonly string[]; reason: string };
  error?: string;
}) {
  const { picked, scopes } = props;
  const [scope, setScope] = useState(scopes[0]?.id ?? '');
  const [text, setText] = useState('');
  const query = useDebounced(text);

  if (picked) {
    return (
      <View className="form-field">
        <Text className="form-field__label">{props.label}</Text>
        <View className="card target-person target-person--picked">
          <Text className="target-person__name">{picked.name}</Text>
          <Text className="target-detail__line">手机：{picked.phoneMasked ?? '未登记'}</Text>
          {picked.address ? (
            <Text className="target-detail__line">住址：{picked.address}</Text>
          ) : null}
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={() => props.onPick(null)}
          >
            重新选择
          </Button>
        </View>
        {props.error ? <Text className="form-field__error">{props.error}</Text> : null}
      </View>
    );
  }

  return (
    <View className="form-field">
      <Text className="form-field__label">{props.label}</Text>
      {scopes.length > 1 ? (
        <ChoiceChips
          options={scopes.map((s) => ({ value: s.id, label: `在「${s.name}」中找` }))}
          value={scope}
          onChange={setScope}
        />
      ) : null}
      <TextField
        label={`查找${props.label}`}
        value={text}
        onChange={setText}
        maxlength={SEARCH_QUERY_MAX}
        placeholder="姓名，或手机号后四位"
        error={props.error}
      />
      {query ? (
        <Results
          key={`${scope}:${query}`}
          gridId={scope}
          query={query}
          excluded={props.excluded}
          onPick={props.onPick}
        />
      ) : (
        <StatusBlock
          kind="empty"
          title={`请输入${props.label}的姓名`}
          message="须是已在住户登记中登记的居民"
        />
      )}
      <Button
        className="btn btn--secondary btn--small"
        hoverClass="btn--pressed"
        onClick={() => openPage(routes.registerHouseholds(scopes[0]?.id ?? scope))}
      >
        找不到？先去住户登记
      </Button>
    </View>
  );
}

function Results(props: {
  gridId: string;
  query: string;
  excluded: { ids: readonly string[]; reason: string } | undefined;
  onPick: (person: PickedPerson) => void;
}) {
  const { gridId, query } = props;
  const fetchPage = useCallback(
    (page: number) => searchInGrid(gridId, query, 'people', page),
    [gridId, query],
  );
  const list = usePagedList(fetchPage);
  return (
    <View className="section">
      <ListHead title="查找结果" list={list.state} unit="人" />
      <PagedStates
        list={list}
        failedTitle="查找失败"
        empty={{ title: '没有找到', message: '换个写法再试，或先去住户登记' }}
      >
        {(items) =>
          items.map((hit) =>
            hit.kind === 'person' ? (
              <PersonOption
                key={hit.id}
                hit={hit}
                excludedBecause={
                  props.excluded?.ids.includes(hit.id) ? props.excluded.reason : null
                }
                onPick={props.onPick}
              />
            ) : null,
          )
        }
      </PagedStates>
    </View>
  );
}

function PersonOption(props: {
  hit: PersonHit;
  excludedBecause: string | null;
  onPick: (person: PickedPerson) => void;
}) {
  const { hit, excludedBecause } = props;
  const { person } = hit;
  return (
    <View
      className="card target-person"
      ariaRole="button"
      ariaLabel={`${person.name}，${hit.address}`}
      onClick={() => {
        if (excludedBecause) return;
        props.onPick({
          id: person.id,
          name: person.name,
          phoneMasked: person.phoneMasked,
          address: hit.address,
        });
      }}
    >
      <View className="target-person__head">
        <Text className="target-person__name">{person.name}</Text>
        <Text className="tag">{person.relation}</Text>
      </View>
      <Text className="target-detail__line">手机：{person.phoneMasked ?? '未登记'}</Text>
      <Text className="target-detail__line">住址：{hit.address || '未登记'}</Text>
      {excludedBecause ? (
        <Text className="muted">{excludedBecause}</Text>
      ) : (
        <Text className="small-note">点按选择</Text>
      )}
    </View>
  );
}

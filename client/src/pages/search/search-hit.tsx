import { Button, Text, View } from '@tarojs/components';
import { HouseholdCard, PersonRow } from '../../components/household-card';
import { openPage, routes } from '../../routes';
import type { HouseholdHit, NodeHit, PersonHit, SearchHit } from '../../services/search';

/** The server says per person what may be revealed; the page itself grants nothing more. */
const PER_PERSON = { idNumber: true, phone: true };

const MATCHED: Record<PersonHit['matched'], string | null> = {
  name: null,
  phone: '手机后四位',
  idNumber: '身份证后四位',
};

/**
 * Where a result leads: a node to 网格详情; a person or a household to the register's household
 * page. People and households are only found where the caller reads households (the server
 * searches them under `households.read`), so that page opens for every such result. It is opened
 * with the searched node, where its 迁移 looks for another household.
 */
function pageOf(hit: SearchHit, searchedGridId: string): { label: string; url: string } {
  if (hit.kind === 'node') return { label: '打开网格', url: routes.gridDetail(hit.gridId) };
  const householdId = hit.kind === 'person' ? hit.householdId : hit.id;
  return { label: '查看住户', url: routes.registerHousehold(householdId, searchedGridId) };
}

/** One result: what it is, where it sits, and the page to open for it. */
export function SearchHitCard({ hit, searchedGridId }: { hit: SearchHit; searchedGridId: string }) {
  const target = pageOf(hit, searchedGridId);
  return (
    <View className="card search-hit">
      {hit.kind === 'person' ? <PersonHitBody hit={hit} /> : null}
      {hit.kind === 'household' ? <HouseholdHitBody hit={hit} /> : null}
      {hit.kind === 'node' ? <NodeHitBody hit={hit} /> : null}
      <Text className="search-hit__path">{hit.path.map((place) => place.name).join(' › ')}</Text>
      <Button
        className="btn btn--secondary btn--small search-hit__open"
        hoverClass="btn--pressed"
        onClick={() => openPage(target.url)}
      >
        {target.label}
      </Button>
    </View>
  );
}

function PersonHitBody({ hit }: { hit: PersonHit }) {
  const matched = MATCHED[hit.matched];
  return (
    <View>
      {matched ? <Text className="tag">匹配{matched}</Text> : null}
      <PersonRow person={hit.person} reveal={PER_PERSON} />
      <Text className="search-hit__line">住址：{hit.address || '未登记'}</Text>
    </View>
  );
}

function HouseholdHitBody({ hit }: { hit: HouseholdHit }) {
  return <HouseholdCard household={hit.household} reveal={PER_PERSON} />;
}

function NodeHitBody({ hit }: { hit: NodeHit }) {
  const { node } = hit;
  return (
    <View>
      <View className="search-hit__head">
        <Text className="search-hit__title">{node.name}</Text>
        <Text className="tag">{node.levelName}</Text>
      </View>
      <Text className="search-hit__line">
        住户 {node.counts.households} · 居民 {node.counts.people}
        {node.leader ? ` · 网格长 ${node.leader.name}` : ''}
      </Text>
    </View>
  );
}
